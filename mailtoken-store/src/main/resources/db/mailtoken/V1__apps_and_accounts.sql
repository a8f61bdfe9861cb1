-- One migration set for SQLite and PostgreSQL: portable types only (VARCHAR, TEXT, INTEGER,
-- BIGINT); instants are epoch milliseconds; scope lists are space-separated.
-- Secret columns hold "keyId:base64(nonce || ciphertext || tag)" (AES-256-GCM), never plain text.

CREATE TABLE store_meta (
  name  VARCHAR(64) PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE apps (
  name                   VARCHAR(200) PRIMARY KEY,
  provider_kind          VARCHAR(20)  NOT NULL,
  tenant                 VARCHAR(255),
  issuer                 TEXT,
  token_endpoint         TEXT         NOT NULL,
  authorization_endpoint TEXT,
  revocation_endpoint    TEXT,
  userinfo_endpoint      TEXT,
  client_id              TEXT         NOT NULL,
  client_secret          TEXT,
  redirect_uri           TEXT,
  scopes                 TEXT         NOT NULL,
  smtp_host              VARCHAR(255),
  smtp_port              INTEGER      NOT NULL,
  created_at             BIGINT       NOT NULL,
  updated_at             BIGINT       NOT NULL
);

CREATE TABLE accounts (
  address                 VARCHAR(320) PRIMARY KEY,
  app_name                VARCHAR(200) NOT NULL REFERENCES apps (name),
  grant_kind              VARCHAR(20)  NOT NULL,
  subject                 VARCHAR(320),
  granted_scopes          TEXT         NOT NULL,
  refresh_token           TEXT,
  service_account_key     TEXT,
  fixed_token             TEXT,
  access_token            TEXT,
  access_token_expires_at BIGINT,
  access_token_scopes     TEXT,
  status                  VARCHAR(30)  NOT NULL,
  last_refresh            BIGINT,
  last_error              TEXT,
  created_at              BIGINT       NOT NULL,
  updated_at              BIGINT       NOT NULL,
  version                 BIGINT       NOT NULL
);

CREATE INDEX accounts_app_name ON accounts (app_name);
