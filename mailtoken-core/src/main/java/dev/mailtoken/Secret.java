package dev.mailtoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A secret value: a refresh token, client secret, private key or access token.
 *
 * <p>{@link #toString()} never shows the value, only a fingerprint: the first 8 hex digits of
 * the value's SHA-256. Records that hold a {@code Secret} therefore print safely. Call
 * {@link #reveal()} only where the value must go on the wire or to the user who asked for it.
 *
 * <p>Immutable and thread-safe. Two secrets are equal when their values are equal; the
 * comparison runs in constant time.
 */
public final class Secret {
  private final String value;
  // The first 32 bits of the value's SHA-256, as an int: a String of 8 hex digits would cost 48
  // bytes more for every token a TokenManager holds.
  private final int fingerprint;

  private Secret(String value) {
    this.value = value;
    this.fingerprint = sha256Prefix(value);
  }

  /** Wraps {@code value}, which must be non-null and non-empty. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The secret value itself. Never log it. */
  public String reveal() {
    return value;
  }

  /** First 8 hex digits of the value's SHA-256: safe to log, enough to tell secrets apart. */
  public String fingerprint() {
    return hex(fingerprint);
  }

  /** The value's length, useful in diagnostics ("token of 1,523 characters"). */
  public int length() {
    return value.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "Secret[sha256:" + fingerprint() + "]";
  }

  /** Fingerprint of any string, for logging values that are not yet wrapped. */
  public static String fingerprintOf(String value) {
    return hex(sha256Prefix(value));
  }

  private static int sha256Prefix(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static String hex(int prefix) {
    return HexFormat.of().toHexDigits(prefix);
  }
}
