package dev.mailtoken.token;

/** How an account's token supply is doing. */
public enum AccountHealth {
  /** The last refresh succeeded (or none was needed yet). */
  HEALTHY,
  /** The last refresh failed; retries are backing off while a still-valid token is served. */
  REFRESH_FAILING,
  /** The grant is dead; nothing is attempted until the account is registered again. */
  REAUTHORIZATION_REQUIRED
}
