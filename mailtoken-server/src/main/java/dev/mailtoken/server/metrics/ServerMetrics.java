package dev.mailtoken.server.metrics;

import dev.mailtoken.micrometer.MeterLabels;
import dev.mailtoken.micrometer.TokenMetrics;
import dev.mailtoken.server.account.AccountEvent;
import dev.mailtoken.server.account.AccountEventListener;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.webhook.DeliveryListener;
import dev.mailtoken.store.CredentialStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.function.Function;

/**
 * The server's meters, exposed as Prometheus text on {@code GET /metrics}: token requests by
 * provider, app and outcome with their latency histogram, rotations, dead grants and accounts by
 * health ({@link TokenMetrics}, fed by {@link #tokens()}), token hand-outs, API requests by route
 * template and status, and webhook deliveries by event type and outcome. Names and labels are in
 * the server README. No label holds a secret or an address: accounts are labelled by their app's
 * provider kind and name only, and routes by their template.
 *
 * <p>Only listens: the server's wiring gives {@link #accountEvents()} (hand-outs) and
 * {@link #tokens()} (the token manager's events; it also watches that manager) to the accounts
 * feature, and {@link #webhookDeliveries()} to the webhooks. Thread-safe.
 */
public final class ServerMetrics {
  /** Counter: API requests by {@code method}, {@code route} (the template) and {@code status}. */
  public static final String HTTP_REQUESTS = "mailtoken.http.requests";
  /** Counter: access tokens handed out over the API, by {@code provider} and {@code app}. */
  public static final String HANDOUTS = "mailtoken.token.handouts";
  /** Counter: webhook delivery attempts by {@code event} and {@code outcome}. */
  public static final String WEBHOOK_DELIVERIES = "mailtoken.webhook.deliveries";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Function<String, MeterLabels> labels;
  private final TokenMetrics tokens;
  private final boolean openOnLoopback;

  /**
   * @param store where accounts' apps and providers are looked up (once per account) for labels
   * @param openOnLoopback true: loopback clients read {@code /metrics} without an API token
   */
  public ServerMetrics(CredentialStore store, boolean openOnLoopback) {
    this.labels = new StoreLabels(Objects.requireNonNull(store, "store"));
    this.openOnLoopback = openOnLoopback;
    this.tokens = TokenMetrics.builder().labels(labels).build();
    tokens.bindTo(registry);
  }

  /**
   * The token manager's meters: add it as a listener to the server's {@code TokenManager} and
   * {@code watch} that manager for the accounts-by-health gauges.
   */
  public TokenMetrics tokens() {
    return tokens;
  }

  /** Counts an access token handed out for {@code account} (labelled by its provider and app). */
  public void tokenHandedOut(String account) {
    MeterLabels l = labels.apply(Objects.requireNonNull(account, "account"));
    Counter.builder(HANDOUTS).description("Access tokens handed out over the API")
        .tags("provider", l.provider(), "app", l.app()).register(registry).increment();
  }

  /** The listener to give the accounts feature: counts the hand-outs ({@link #tokenHandedOut}). */
  public AccountEventListener accountEvents() {
    return new AccountEventListener() {
      @Override
      public void onEvent(AccountEvent event) {
        // the token meters count refreshes from the token manager itself
      }

      @Override
      public void tokenHandedOut(String account) {
        ServerMetrics.this.tokenHandedOut(account);
      }
    };
  }

  /** The listener to give the webhooks: counts each delivery attempt by event type and outcome. */
  public DeliveryListener webhookDeliveries() {
    return (type, outcome) -> Counter.builder(WEBHOOK_DELIVERIES).description("Webhook delivery attempts")
        .tags("event", type.wireName(), "outcome", outcome.wireName()).register(registry).increment();
  }

  void request(String method, String route, int status) {
    Counter.builder(HTTP_REQUESTS).description("API requests by route template and status")
        .tags("method", method, "route", route, "status", Integer.toString(status)).register(registry).increment();
  }

  /** The registry, for other binders. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** {@code GET /metrics}, and request counting on every route. */
  public Endpoints endpoints() {
    return new MetricsEndpoints(this, openOnLoopback);
  }
}
