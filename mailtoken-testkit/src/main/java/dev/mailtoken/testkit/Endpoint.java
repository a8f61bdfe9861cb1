package dev.mailtoken.testkit;

/** The emulator's endpoints, for fault injection and request counting. */
public enum Endpoint {
  AUTHORIZE,
  TOKEN,
  REVOKE,
  DISCOVERY,
  DEVICE,
  USERINFO,
  JWKS,
  /** Any path the emulator does not serve (answered with 404). */
  OTHER
}
