package dev.mailtoken.token;

/**
 * How an account's token supply is doing: the one name for an account's health, used by
 * {@link AccountStatus#health()}, the credential store and the CLI. {@link TokenManager} reports
 * the first three; {@link #REVOKED} is recorded by a store after a revocation.
 */
public enum AccountHealth {
  /** The last refresh succeeded (or none was needed yet). */
  HEALTHY,
  /** The last refresh failed; retries are backing off while a still-valid token is served. */
  REFRESH_FAILING,
  /** The grant is dead; nothing is attempted until the account is registered again. */
  REAUTHORIZATION_REQUIRED,
  /** The grant was revoked on purpose and its secrets removed; authorize again to use the account. */
  REVOKED
}
