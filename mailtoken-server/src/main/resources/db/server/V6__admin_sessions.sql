-- Logged-in browsers of the admin pages. Only the SHA-256 of the session cookie is stored; the
-- CSRF token of a session is derived from the cookie, so it is not stored either. via says how
-- the session logged in (api_token:<id>, or password:<fingerprint of the password hash>), so a
-- revoked token or a changed password ends its sessions at once, on every node.
CREATE TABLE admin_sessions (
  id           VARCHAR(32)  PRIMARY KEY,
  secret_hash  VARCHAR(64)  NOT NULL UNIQUE,
  via          VARCHAR(100) NOT NULL,
  client       VARCHAR(64)  NOT NULL,
  created_at   BIGINT       NOT NULL,
  last_seen_at BIGINT       NOT NULL
);
