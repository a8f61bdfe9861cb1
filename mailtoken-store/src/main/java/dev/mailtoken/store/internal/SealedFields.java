package dev.mailtoken.store.internal;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;

/**
 * <b>Not a user API</b>: the credential store's field cipher (AES-256-GCM under the store's key,
 * {@code keyId:base64(nonce || ciphertext || tag)}), handed to {@code mailtoken-server} so that
 * secrets it must recover (webhook signing keys) are encrypted like the store's own. The
 * additional authenticated data is table, column and row key: a value copied into another row or
 * column, or a row whose key part was changed, fails to open. It may change in any release.
 *
 * <p>Sealing uses the store's current key; opening uses the key the value names, while the
 * store's key ring still holds it. A caller keeps its values readable across key rotations by
 * sealing them again when {@link #keyIdOf} differs from {@link #currentKeyId} (the store's own
 * rotation knows only the store's tables). Thread-safe.
 */
public interface SealedFields {

  /** Encrypts {@code value} for {@code table}.{@code column} of the row {@code rowKey}, under the current key. */
  String seal(String table, String column, String rowKey, Secret value);

  /**
   * Decrypts a value {@link #seal} made for the same table, column and row key.
   *
   * @throws MailtokenException a {@code StoreKeyException} when its key is not in the ring, or it
   *     fails its integrity check (altered, moved from another row, or the row key changed)
   */
  Secret open(String table, String column, String rowKey, String sealed) throws MailtokenException;

  /** The id of the key {@link #seal} uses now. */
  String currentKeyId();

  /** The id of the key {@code sealed} was encrypted with ({@code ?} when it is not a sealed value). */
  static String keyIdOf(String sealed) {
    int colon = sealed.indexOf(':');
    return colon <= 0 ? "?" : sealed.substring(0, colon);
  }
}
