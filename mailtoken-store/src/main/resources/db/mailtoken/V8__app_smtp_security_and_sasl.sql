-- How the CLI reaches an app's SMTP server when a send names nothing else (apps add/update
-- --smtp-security, --sasl). smtp_security: tls (implicit TLS), starttls or none; NULL: from the
-- port, as before this column (tls on 465, else starttls). sasl: xoauth2 or oauthbearer; NULL:
-- what the server's EHLO offers. Both sealed by the row MAC (RowSeal.APP_COLUMNS); NULL columns
-- are left out of the MAC, so apps stored before this migration still verify.
ALTER TABLE apps ADD COLUMN smtp_security VARCHAR(20);
ALTER TABLE apps ADD COLUMN sasl VARCHAR(20);
