-- Columns outside the store's own tables whose values are sealed with the store's key through
-- CredentialStore.internalSealedFields() (mailtoken-server's webhook signing keys), registered by
-- their owner's own migrations. Key rotation re-encrypts them with the store's own secrets, keys
-- status counts them, and keys retire refuses a key they still use. Each value's additional
-- authenticated data is table_name, column_name and the row's key_column value.
CREATE TABLE sealed_columns (
  table_name  VARCHAR(63) NOT NULL,
  column_name VARCHAR(63) NOT NULL,
  key_column  VARCHAR(63) NOT NULL,
  PRIMARY KEY (table_name, column_name)
);
