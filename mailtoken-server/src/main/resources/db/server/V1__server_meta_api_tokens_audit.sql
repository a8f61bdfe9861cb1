-- The server's tables, in the credential store's database, migrated apart from the store's
-- (history table server_schema_history). Portable SQL for SQLite and PostgreSQL, as the store's:
-- VARCHAR, TEXT, BIGINT; instants are epoch milliseconds; lists are space-separated.

CREATE TABLE server_meta (
  name  VARCHAR(64) PRIMARY KEY,
  value TEXT NOT NULL
);

-- API tokens: only the SHA-256 of the token is stored; the value is shown once, at creation.
CREATE TABLE api_tokens (
  id           VARCHAR(32)  PRIMARY KEY,
  name         VARCHAR(200) NOT NULL,
  token_hash   VARCHAR(64)  NOT NULL UNIQUE,
  scopes       TEXT         NOT NULL,
  accounts     TEXT         NOT NULL,
  created_at   BIGINT       NOT NULL,
  created_by   VARCHAR(200) NOT NULL,
  expires_at   BIGINT,
  last_used_at BIGINT,
  revoked_at   BIGINT
);

-- Who did what, never a secret: token ids, account addresses, fingerprints at most.
CREATE TABLE audit_log (
  id      VARCHAR(32)  PRIMARY KEY,
  at      BIGINT       NOT NULL,
  actor   VARCHAR(200) NOT NULL,
  action  VARCHAR(64)  NOT NULL,
  subject VARCHAR(320) NOT NULL,
  detail  TEXT         NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
