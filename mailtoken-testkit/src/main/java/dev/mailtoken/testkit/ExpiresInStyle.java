package dev.mailtoken.testkit;

/** How the emulator writes {@code expires_in} in a successful token response. */
public enum ExpiresInStyle {
  /** A JSON number, {@code "expires_in": 3599} (the default). */
  NUMBER,
  /** A JSON string, {@code "expires_in": "3599"} (T-G-05). */
  STRING,
  /** No {@code expires_in} at all (RFC 6749 only recommends it). */
  OMITTED,
  /** A value that is not a number, {@code "expires_in": "soon"}. */
  NOT_A_NUMBER,
  /** A negative number, {@code "expires_in": -1}. */
  NEGATIVE
}
