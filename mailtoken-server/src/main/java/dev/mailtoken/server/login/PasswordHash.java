package dev.mailtoken.server.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The admin password as stored: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), PBKDF2
 * with HMAC-SHA256 from the JDK, a 16-byte random salt and a 32-byte hash. The iteration count is
 * stored with the hash, so it can be raised later without breaking stored passwords. Stateless.
 */
final class PasswordHash {
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: about half a second per guess on a small server. */
  static final int ITERATIONS = 600_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private PasswordHash() {
  }

  static String hash(String password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    synchronized (random) {
      random.nextBytes(salt);
    }
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /** True when {@code password} is the one {@code stored} was made from (constant-time comparison). */
  static boolean verify(String stored, String password) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalStateException("the stored admin password is not a " + PREFIX + " hash; set it again");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1])));
  }

  /** A short name of one stored hash (never of the password): sessions record it, so a new password ends them. */
  static String fingerprint(String stored) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(stored.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
    } finally {
      spec.clearPassword();
    }
  }
}
