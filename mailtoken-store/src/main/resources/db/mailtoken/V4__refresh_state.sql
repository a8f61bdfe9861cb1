-- Cross-process refresh coordination, one row per account that was ever refreshed through the store.
-- A claim (claim_id, claim_owner, claimed_at, lease_until, claimed_token) is committed before a token
-- request is sent and cleared when its outcome is committed, so the store's lock is never held during
-- HTTP; others wait for the outcome instead of sending their own request. A claim whose lease ran out
-- belonged to a process that died or lost its answer: the outcome is unknown (interrupted_at).
-- failures and next_attempt_at are the backoff and Retry-After every process honours.
-- claimed_token is a SHA-256 fingerprint (8 hex digits), never a token.

CREATE TABLE refresh_state (
  address         VARCHAR(320) PRIMARY KEY REFERENCES accounts (address) ON DELETE CASCADE,
  claim_id        VARCHAR(64),
  claim_owner     VARCHAR(300),
  claimed_at      BIGINT,
  lease_until     BIGINT,
  claimed_token   VARCHAR(64),
  interrupted_at  BIGINT,
  failures        INTEGER      NOT NULL,
  next_attempt_at BIGINT
);
