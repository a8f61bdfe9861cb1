package dev.mailtoken.testkit;

/**
 * Which provider the emulator behaves like: paths, error shapes, refresh-token rules, revocation
 * semantics and defaults (see the module README).
 */
public enum EmulatorMode {
  /** Google: {@code /o/oauth2/v2/auth}, {@code /token}, {@code /revoke}; no rotation; 100 refresh tokens per user+client. */
  GOOGLE,
  /** Microsoft identity platform v2.0: {@code /{tenant}/oauth2/v2.0/...}; rotation; no revocation endpoint. */
  MICROSOFT,
  /** Plain RFC 6749 / 7009 / 8414 server: {@code /authorize}, {@code /token}, {@code /revoke}. */
  GENERIC
}
