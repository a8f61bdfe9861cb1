package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code TokenManager}'s events as webhook events: {@code Rotated} → {@code token.rotated},
 * {@code RefreshFailed} → {@code token.refresh_failed}, {@code ReauthorizationRequired} →
 * {@code account.reauthorization_required} once per account and error (recorded in the database,
 * so neither a later pass, nor a re-registration, nor another node announces it again), and
 * {@code Issued} clears that record, so the account's next death is news again. Runs on the
 * manager's listener thread: each event is one short transaction; never throws.
 *
 * @see dev.mailtoken.token.TokenManager
 */
final class TokenEventWebhooks implements TokenListener {
  private static final Logger LOG = LoggerFactory.getLogger(TokenEventWebhooks.class);

  private final Webhooks webhooks;
  private final WebhookRepository repository;
  private final Clock clock;
  private final Duration reload;
  // Accounts with a recorded notice, so an Issued event costs a write only when there is one to clear.
  private final Set<String> noticed = ConcurrentHashMap.newKeySet();
  private volatile Instant loadedAt = Instant.MIN;

  TokenEventWebhooks(Webhooks webhooks, WebhookRepository repository, Clock clock, Duration reload) {
    this.webhooks = webhooks;
    this.repository = repository;
    this.clock = clock;
    this.reload = reload;
  }

  @Override
  public void onEvent(TokenEvent event) {
    try {
      if (event instanceof TokenEvent.Rotated r) {
        webhooks.publish(WebhookEventType.TOKEN_ROTATED, r.account(),
            Map.of("refreshTokenFingerprint", r.refreshTokenFingerprint()));
      } else if (event instanceof TokenEvent.RefreshFailed f) {
        Map<String, String> data = errorData(f.error());
        data.put("nextRetry", f.nextRetry().toString());
        webhooks.publish(WebhookEventType.TOKEN_REFRESH_FAILED, f.account(), data);
      } else if (event instanceof TokenEvent.ReauthorizationRequired r) {
        noticed.add(r.account());
        webhooks.publishOnce(WebhookEventType.ACCOUNT_REAUTHORIZATION_REQUIRED, r.account(), errorKey(r.error()),
            errorData(r.error()));
      } else if (event instanceof TokenEvent.Issued i) {
        healthy(i.account());
      }
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("webhook event not recorded for {} account={}: {}", event.getClass().getSimpleName(),
          event.account(), e.getMessage());
    }
  }

  /** The account works again: forget its notices (reloading the set of noticed accounts now and then). */
  void healthy(String account) throws MailtokenException {
    Instant now = clock.instant();
    if (now.isAfter(loadedAt.plus(reload))) {
      Set<String> fresh = repository.noticedAccounts();
      noticed.retainAll(fresh);
      noticed.addAll(fresh);
      loadedAt = now;
    }
    if (noticed.remove(account)) {
      repository.clearNotices(account);
    }
  }

  private static String errorKey(MailtokenException e) {
    return e.getClass().getSimpleName() + ":" + e.oauthError().map(o -> o.error()).orElse("");
  }

  private static Map<String, String> errorData(MailtokenException e) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("error", e.getClass().getSimpleName());
    e.oauthError().ifPresent(o -> data.put("oauthError", o.error()));
    data.put("message", String.valueOf(e.getMessage()));
    return data;
  }
}
