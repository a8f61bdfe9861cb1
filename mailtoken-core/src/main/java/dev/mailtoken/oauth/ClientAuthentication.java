package dev.mailtoken.oauth;

/** How a client authenticates to the token endpoint (RFC 6749 §2.3). */
public enum ClientAuthentication {
  /** {@code client_id} and {@code client_secret} in the form body. */
  CLIENT_SECRET_POST,
  /** HTTP Basic with the form-urlencoded id and secret (RFC 6749 §2.3.1). */
  CLIENT_SECRET_BASIC,
  /** A public client: {@code client_id} only, no secret. */
  NONE
}
