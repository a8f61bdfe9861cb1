package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.store.internal.SealedFields;
import java.sql.Connection;
import java.sql.SQLException;

/** {@link SealedFields} over the store's keys, following the store's current key as writers do. Thread-safe. */
final class FieldCipherSealer implements SealedFields {
  private final StoreKeys keys;

  FieldCipherSealer(StoreKeys keys) {
    this.keys = keys;
  }

  @Override
  public String seal(Connection connection, String table, String column, String rowKey, Secret value)
      throws SQLException, MailtokenException {
    if (!SealedColumns.registered(connection, table, column)) {
      throw new IllegalArgumentException(table + "." + column + " is not registered in " + SealedColumns.TABLE
          + "; a key rotation would leave its values behind. Register it in the owner's migration.");
    }
    keys.onWrite(connection);
    return keys.cipher().encrypt(table, column, rowKey, value.reveal());
  }

  @Override
  public Secret open(String table, String column, String rowKey, String sealed) throws StoreKeyException {
    return Secret.of(keys.cipher().decrypt(table, column, rowKey, sealed));
  }
}
