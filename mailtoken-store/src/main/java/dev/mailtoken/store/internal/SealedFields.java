package dev.mailtoken.store.internal;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * <b>Not a user API</b>: the credential store's field cipher (AES-256-GCM under the store's key,
 * {@code keyId:base64(nonce || ciphertext || tag)}), handed to {@code mailtoken-server} so that
 * secrets it must recover (webhook signing keys) are encrypted like the store's own. It may
 * change in any release.
 *
 * <p>A column sealed this way must be registered in the store's {@code sealed_columns} table
 * (table, column, and the column holding each row's key) by its owner's migration: key rotation
 * then re-encrypts it with the store's own secrets, {@code keys status} counts it, and
 * {@code keys retire} refuses a key it still uses. The additional authenticated data is table,
 * column and row key: a value copied into another row or column fails to open. Thread-safe.
 */
public interface SealedFields {

  /**
   * Encrypts {@code value} for {@code table}.{@code column} of the row whose key is
   * {@code rowKey}, under the store's current key, inside the caller's write transaction on
   * {@code connection} (a connection to the store's database): it takes the store's shared key
   * lock first, so no key rotation can run between the sealing and the commit, and a process
   * whose keys are older than the store's reads its key file again (or fails, writing nothing).
   *
   * @throws IllegalArgumentException when {@code table}.{@code column} is not registered in {@code sealed_columns}
   * @throws MailtokenException a {@code StoreKeyException} when this process lacks the store's current key
   */
  String seal(Connection connection, String table, String column, String rowKey, Secret value)
      throws SQLException, MailtokenException;

  /**
   * Decrypts a value {@link #seal} made for the same table, column and row key (or a key
   * rotation re-encrypted since).
   *
   * @throws MailtokenException a {@code StoreKeyException} when its key is not in the ring, or it
   *     fails its integrity check (altered, moved from another row, or the row key changed)
   */
  Secret open(String table, String column, String rowKey, String sealed) throws MailtokenException;
}
