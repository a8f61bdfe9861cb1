-- Webhooks and their deliveries (stored before anything is sent, so a restart loses none).
-- Portable SQL for SQLite and PostgreSQL as in V1: instants are epoch milliseconds, lists
-- space-separated.

CREATE TABLE webhooks (
  id          VARCHAR(32)   PRIMARY KEY,
  url         VARCHAR(2000) NOT NULL,
  events      TEXT          NOT NULL,
  description VARCHAR(200)  NOT NULL,
  -- The HMAC signing key with the url, sealed with the store's key (keyId:base64(nonce ||
  -- ciphertext || tag)) for this id: a row whose url was changed outside the server no longer opens.
  signing_key TEXT          NOT NULL,
  created_at  BIGINT        NOT NULL,
  created_by  VARCHAR(200)  NOT NULL
);

-- One row per event and webhook. payload is the exact JSON body (never a secret); every attempt
-- signs it again with a fresh timestamp. claimed_until/claimed_by: a node's lease while it sends.
CREATE TABLE webhook_deliveries (
  id              VARCHAR(32)  PRIMARY KEY,
  webhook_id      VARCHAR(32)  NOT NULL,
  event_id        VARCHAR(40)  NOT NULL,
  event_type      VARCHAR(64)  NOT NULL,
  payload         TEXT         NOT NULL,
  created_at      BIGINT       NOT NULL,
  expires_at      BIGINT       NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  attempts        INTEGER      NOT NULL,
  next_attempt_at BIGINT       NOT NULL,
  claimed_until   BIGINT,
  claimed_by      VARCHAR(40),
  last_attempt_at BIGINT,
  last_status     INTEGER,
  last_error      VARCHAR(500),
  delivered_at    BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at);

-- The signing keys are sealed with the store's key: the store's key rotation re-encrypts them,
-- keys status counts them and keys retire keeps a key they still use (each value is bound to id).
INSERT INTO sealed_columns (table_name, column_name, key_column) VALUES ('webhooks', 'signing_key', 'id');
