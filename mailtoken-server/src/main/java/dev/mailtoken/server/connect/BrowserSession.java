package dev.mailtoken.server.connect;

import dev.mailtoken.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser side of a connect link: a random cookie value set when the link is first opened.
 * The database keeps only its SHA-256 ({@link #hash}); the form token ({@link #formToken}) and the
 * key that seals the PKCE verifier ({@link #seal}) are derived from it, so a consent can only be
 * finished by the browser that started it, and a copy of the database alone cannot finish one.
 * Stateless; thread-safe.
 */
final class BrowserSession {
  /** Cookie names are per link, so one browser can have two links open at once. */
  static final String COOKIE_PREFIX = "mailtoken_connect_";
  private static final int GCM_IV_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;

  private BrowserSession() {
  }

  static String cookieName(String linkId) {
    return COOKIE_PREFIX + linkId;
  }

  /** 256 random bits, base64url. */
  static Secret newSecret(SecureRandom random) {
    return Secret.of(randomText(random, 32));
  }

  static String randomText(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    synchronized (random) {
      random.nextBytes(b);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** SHA-256, hex: how link secrets, OAuth states and session cookies are stored. */
  static String hash(String value) {
    return HexFormat.of().formatHex(sha256(value));
  }

  /** The hidden form field that proves a form was served to this browser session (CSRF). */
  static String formToken(Secret session) {
    return HexFormat.of().formatHex(sha256("mailtoken connect form:" + session.reveal()));
  }

  /** True when {@code presented} is this session's form token (constant time). */
  static boolean formTokenMatches(Secret session, String presented) {
    return presented != null && MessageDigest.isEqual(formToken(session).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  /** True when {@code cookie} is the session whose hash is {@code storedHash} (constant time). */
  static boolean matches(Optional<String> storedHash, String cookie) {
    return storedHash.isPresent() && cookie != null && !cookie.isBlank() && MessageDigest.isEqual(
        storedHash.get().getBytes(StandardCharsets.US_ASCII), hash(cookie).getBytes(StandardCharsets.US_ASCII));
  }

  /** AES-256-GCM under a key derived from the session, bound to {@code context}: base64(iv || ciphertext). */
  static String seal(Secret value, Secret session, String context, SecureRandom random) {
    byte[] iv = new byte[GCM_IV_BYTES];
    synchronized (random) {
      random.nextBytes(iv);
    }
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, session, iv, context);
      byte[] sealed = c.doFinal(value.reveal().getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every Java platform", e);
    }
  }

  /** The value {@link #seal} sealed, or empty when the session or context is not the one it was sealed for. */
  static Optional<Secret> unseal(String sealed, Secret session, String context) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      byte[] iv = java.util.Arrays.copyOf(all, GCM_IV_BYTES);
      Cipher c = cipher(Cipher.DECRYPT_MODE, session, iv, context);
      byte[] plain = c.doFinal(all, GCM_IV_BYTES, all.length - GCM_IV_BYTES);
      return Optional.of(Secret.of(new String(plain, StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Cipher cipher(int mode, Secret session, byte[] iv, String context) throws GeneralSecurityException {
    byte[] key = sha256("mailtoken connect seal:" + session.reveal());
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, iv));
    c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return c;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
