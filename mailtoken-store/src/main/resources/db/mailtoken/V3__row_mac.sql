-- Row MACs: "keyId:base64(HMAC-SHA256)" over the columns that decide where an app's or account's
-- secrets are sent or how they are used (see RowSeal). Existing rows get theirs at the first open
-- with the key (KeyCheck); after that a row without one was changed outside mailtoken.
ALTER TABLE apps ADD COLUMN row_mac TEXT;
ALTER TABLE accounts ADD COLUMN row_mac TEXT;
