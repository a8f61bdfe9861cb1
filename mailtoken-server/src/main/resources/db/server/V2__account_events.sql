-- What happened to each account, for GET /v1/accounts/{id}/events. dedup_key is unique, so an
-- event every node sees (a dead refresh token) is recorded once, and a failure repeated on every
-- retry is recorded once until it changes. Never a secret.
CREATE TABLE account_events (
  id        VARCHAR(32)  PRIMARY KEY,
  account   VARCHAR(320) NOT NULL,
  at        BIGINT       NOT NULL,
  kind      VARCHAR(64)  NOT NULL,
  detail    TEXT         NOT NULL,
  dedup_key VARCHAR(600) NOT NULL UNIQUE
);
CREATE INDEX account_events_account_at ON account_events (account, at);
