package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.store.StoreKeyException;
import dev.mailtoken.store.internal.SealedFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook signing keys, sealed with the credential store's key (AES-256-GCM through the store's
 * field cipher) and bound to the webhook's id and URL: a row whose URL was changed in the
 * database without the server no longer opens, so its events are not signed for the new URL.
 * A key sealed under an older store key is sealed again under the current one when it is read
 * (and at start), so a rotation never leaves it behind. Thread-safe.
 */
final class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  static final String TABLE = "webhooks";
  static final String COLUMN = "signing_key";

  private final SealedFields fields;
  private final WebhookRepository webhooks;

  SigningKeys(SealedFields fields, WebhookRepository webhooks) {
    this.fields = fields;
    this.webhooks = webhooks;
  }

  String seal(String id, String url, Secret key) {
    return fields.seal(TABLE, COLUMN, rowKey(id, url), key);
  }

  /**
   * The key of {@code stored}, resealed under the current store key when it was sealed under
   * another.
   *
   * @throws StoreKeyException when its store key is gone or the row was altered
   */
  Secret open(WebhookRepository.Stored stored) throws MailtokenException {
    Webhook w = stored.webhook();
    Secret key = fields.open(TABLE, COLUMN, rowKey(w.id(), w.url()), stored.sealedKey());
    if (!SealedFields.keyIdOf(stored.sealedKey()).equals(fields.currentKeyId())) {
      webhooks.reseal(w.id(), stored.sealedKey(), seal(w.id(), w.url(), key));
      LOG.info("webhook signing key sealed again under the current store key webhook={} key={}", w.id(),
          fields.currentKeyId());
    }
    return key;
  }

  /** Reseals every key not under the current store key; returns how many. Unreadable ones are logged and left. */
  int resealStale() throws MailtokenException {
    int n = 0;
    for (WebhookRepository.Stored s : webhooks.all()) {
      if (SealedFields.keyIdOf(s.sealedKey()).equals(fields.currentKeyId())) {
        continue;
      }
      try {
        open(s);
        n++;
      } catch (StoreKeyException e) {
        LOG.error("webhook signing key unreadable webhook={}: {}", s.webhook().id(), e.getMessage());
      }
    }
    return n;
  }

  private static String rowKey(String id, String url) {
    return id + " " + url;
  }
}
