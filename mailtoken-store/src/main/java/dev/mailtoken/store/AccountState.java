package dev.mailtoken.store;

/** The stored health of an account. */
public enum AccountState {
  /** Tokens can be obtained. */
  HEALTHY,
  /** The provider answered {@code invalid_grant} (or the fixed token died): a person must consent again. */
  REAUTHORIZATION_REQUIRED,
  /** The secrets were removed after a revocation; authorize again to use the account. */
  REVOKED
}
