package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.account.AccountEvent;
import dev.mailtoken.server.account.AccountEventListener;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorded account events as webhook events: {@code account.connected} and
 * {@code account.reconnected} → {@code account.connected} (with {@code reconnected}),
 * {@code account.reauthorization_required}, {@code token.refresh_failed}, {@code token.rotated}
 * and {@code account.removed} as they are. The account feature records each event once across
 * nodes and restarts (a dead grant once per account version, a failing refresh once per error
 * until the next success) and calls this only on the node that recorded it, so each becomes
 * exactly one delivery per subscribed webhook. The payload's {@code data} is the event's data,
 * its {@code detail} as {@code message}, and the account. Never throws.
 */
final class AccountEventWebhooks implements AccountEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(AccountEventWebhooks.class);

  private final Webhooks webhooks;

  AccountEventWebhooks(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void onEvent(AccountEvent event) {
    Optional<WebhookEventType> type = typeOf(event.kind());
    if (type.isEmpty()) {
      return;
    }
    Map<String, String> data = new TreeMap<>(event.data());
    if (!event.detail().isEmpty()) {
      data.put("message", event.detail());
    }
    if (type.get() == WebhookEventType.ACCOUNT_CONNECTED) {
      data.put("reconnected", Boolean.toString(event.kind().equals(AccountEvent.RECONNECTED)));
    }
    try {
      webhooks.publish(type.get(), event.account(), event.at(), data);
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("webhook deliveries not stored for {} event={} account={}: {}", event.kind(), event.id(),
          event.account(), e.getMessage());
    }
  }

  static Optional<WebhookEventType> typeOf(String kind) {
    return switch (kind) {
      case AccountEvent.CONNECTED, AccountEvent.RECONNECTED -> Optional.of(WebhookEventType.ACCOUNT_CONNECTED);
      case AccountEvent.REMOVED -> Optional.of(WebhookEventType.ACCOUNT_REMOVED);
      default -> WebhookEventType.fromWireName(kind);
    };
  }
}
