-- Connect links (issue 11 §3). Written as V1_1 beside the other features' migrations and
-- renumbered 3 when they met: the server's migrations count 1, 2, 3, … (ServerMigrationsTest).
-- Portable SQL for SQLite and PostgreSQL, as V1: instants are epoch milliseconds, lists space-separated.

-- A single-use link that lets one person connect one mailbox. Only the SHA-256 of the link's secret
-- is stored; the URL holding it is returned once, at creation. session_hash is the SHA-256 of the
-- browser-session cookie set when the link was first opened: the link works in that browser only.
CREATE TABLE connect_links (
  id               VARCHAR(32)  PRIMARY KEY,
  secret_hash      VARCHAR(64)  NOT NULL UNIQUE,
  app              VARCHAR(200),
  expected_mailbox VARCHAR(320),
  return_url       TEXT,
  created_at       BIGINT       NOT NULL,
  created_by       VARCHAR(200) NOT NULL,
  expires_at       BIGINT       NOT NULL,
  opened_at        BIGINT,
  session_hash     VARCHAR(64),
  completed_at     BIGINT,
  account          VARCHAR(320)
);
CREATE INDEX connect_links_expires ON connect_links (expires_at);

-- One trip to the provider's consent page: the SHA-256 of its OAuth state, and its PKCE verifier
-- sealed (AES-GCM) under a key derived from the browser-session cookie, so the database alone
-- cannot finish a consent. used_at is set when the provider's answer came back (single use).
CREATE TABLE connect_attempts (
  state_hash      VARCHAR(64)  PRIMARY KEY,
  link_id         VARCHAR(32)  NOT NULL REFERENCES connect_links (id) ON DELETE CASCADE,
  app             VARCHAR(200) NOT NULL,
  redirect_uri    TEXT         NOT NULL,
  scopes          TEXT         NOT NULL,
  required_scopes TEXT         NOT NULL,
  sealed_verifier TEXT         NOT NULL,
  created_at      BIGINT       NOT NULL,
  expires_at      BIGINT       NOT NULL,
  used_at         BIGINT
);
CREATE INDEX connect_attempts_link ON connect_attempts (link_id);
