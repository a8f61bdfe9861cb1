package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random values shaped like the provider's: Google access tokens {@code ya29.…}, refresh tokens
 * {@code 1//0…}, codes {@code 4/0A…} (with a {@code /}, so they arrive URL-encoded). Each holds
 * 256 random bits. Thread-safe ({@link SecureRandom} is).
 */
final class TokenValues {
  private final EmulatorMode mode;
  private final int accessTokenLength;
  private final SecureRandom random = new SecureRandom();

  TokenValues(EmulatorMode mode) {
    this(mode, 0);
  }

  /** @param accessTokenLength access tokens are padded with random characters to at least this length */
  TokenValues(EmulatorMode mode, int accessTokenLength) {
    this.mode = mode;
    this.accessTokenLength = accessTokenLength;
  }

  String accessToken() {
    String token = switch (mode) {
      case GOOGLE -> "ya29.a0" + random(48);
      case MICROSOFT -> "EwBIA8l6BAAU" + random(48);
      case GENERIC -> "at." + random(32);
    };
    return token.length() >= accessTokenLength ? token
        : token + random((accessTokenLength - token.length()) * 3 / 4 + 3).substring(0, accessTokenLength - token.length());
  }

  String refreshToken() {
    return switch (mode) {
      case GOOGLE -> "1//0" + random(48);
      case MICROSOFT -> "M.C5_BAY.0.U.-" + random(48);
      case GENERIC -> "rt." + random(32);
    };
  }

  String code() {
    return switch (mode) {
      case GOOGLE -> "4/0A" + random(32);
      case MICROSOFT -> "M.C5_SN1.2.U." + random(32);
      case GENERIC -> random(32);
    };
  }

  String random(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  int nextInt(int origin, int bound) {
    return random.nextInt(origin, bound);
  }

  /** First 8 hex digits of the SHA-256: how the emulator names a secret in its logs. */
  static String fingerprint(String secret) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
