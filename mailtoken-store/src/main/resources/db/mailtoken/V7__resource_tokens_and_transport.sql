-- Access tokens per (account, resource). Microsoft issues a token for one resource per request
-- (Outlook SMTP, Graph) and one refresh token serves every resource consented to. The account's
-- own token (the grant's, asked for without a scope parameter) stays in accounts.access_token;
-- this table holds the ones asked for with a scope set: scope_key is those scopes, sorted, without
-- duplicates, space-separated. access_token is encrypted like every secret ("keyId:base64(...)"),
-- its additional authenticated data bound to the account and the scope key. A cache: deleted with
-- the account, and whenever its grant is replaced or revoked.
CREATE TABLE resource_tokens (
  address      VARCHAR(320)  NOT NULL REFERENCES accounts (address) ON DELETE CASCADE,
  scope_key    VARCHAR(2000) NOT NULL,
  access_token TEXT          NOT NULL,
  expires_at   BIGINT,
  scopes       TEXT,
  refreshed_at BIGINT        NOT NULL,
  PRIMARY KEY (address, scope_key)
);

-- The transport an account sends with when none is named (mailtoken send): smtp, gmail-api or
-- graph. NULL: smtp, as before this column. Sealed by the row MAC (RowSeal.ACCOUNT_COLUMNS).
ALTER TABLE accounts ADD COLUMN transport VARCHAR(20);
