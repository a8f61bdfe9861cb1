package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.store.StoreKeyException;
import dev.mailtoken.store.internal.SealedFields;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Webhook signing keys, sealed with the credential store's key (AES-256-GCM through the store's
 * field cipher) in {@code webhooks.signing_key}, which the server's migration registers in the
 * store's {@code sealed_columns}: the store's key rotation re-encrypts them, {@code keys status}
 * counts them and {@code keys retire} keeps a key they use. The sealed value holds the webhook's
 * URL beside the key and is bound to the webhook's id, so a row whose URL was changed in the
 * database without the store's key no longer opens: its events are not signed for the new URL.
 * Stateless and thread-safe.
 */
final class SigningKeys {
  static final String TABLE = "webhooks";
  static final String COLUMN = "signing_key";

  private final SealedFields fields;

  SigningKeys(SealedFields fields) {
    this.fields = fields;
  }

  /** Seals {@code key} for webhook {@code id} at {@code url}, inside the write transaction on {@code c}. */
  String seal(Connection c, String id, String url, Secret key) throws SQLException, MailtokenException {
    return fields.seal(c, TABLE, COLUMN, id, Secret.of(url + "\n" + key.reveal()));
  }

  /**
   * The key of {@code stored}.
   *
   * @throws StoreKeyException when its store key is gone, the value was altered or moved, or the
   *     row's URL is not the one it was sealed for
   */
  Secret open(WebhookRepository.Stored stored) throws MailtokenException {
    Webhook w = stored.webhook();
    String plain = fields.open(TABLE, COLUMN, w.id(), stored.sealedKey()).reveal();
    int newline = plain.indexOf('\n');
    if (newline < 0 || !plain.substring(0, newline).equals(w.url())) {
      throw new StoreKeyException("The signing key of webhook " + w.id() + " was sealed for another URL than "
          + w.safeUrl() + ": the row was changed without the store's key. Nothing is sent to it; delete the webhook"
          + " and create it again.");
    }
    return Secret.of(plain.substring(newline + 1));
  }
}
