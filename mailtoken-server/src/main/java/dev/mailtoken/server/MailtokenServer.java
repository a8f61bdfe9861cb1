package dev.mailtoken.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.internal.DaemonThreads;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.account.Accounts;
import dev.mailtoken.server.account.ReconnectLinks;
import dev.mailtoken.server.account.RefreshSettings;
import dev.mailtoken.server.apitoken.ApiTokens;
import dev.mailtoken.server.app.Apps;
import dev.mailtoken.server.apitoken.CreatedApiToken;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.connect.ConnectLinks;
import dev.mailtoken.server.connect.AccountConnected;
import dev.mailtoken.server.connect.ConnectSettings;
import dev.mailtoken.server.connect.NewConnectLink;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.login.Logins;
import dev.mailtoken.server.metrics.ServerMetrics;
import dev.mailtoken.server.web.HealthCheck;
import dev.mailtoken.server.web.WebServer;
import dev.mailtoken.server.web.WebSettings;
import dev.mailtoken.server.webhook.WebhookSettings;
import dev.mailtoken.server.webhook.Webhooks;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.token.Scheduler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mailtoken serve}: the HTTP API and web UI over a credential store. The only place that
 * wires the features' facades together.
 *
 * <pre>{@code
 * try (CredentialStore store = CredentialStore.open(url, keys, clock)) {
 *   MailtokenServer server = new MailtokenServer(ServerConfig.defaults(), store, oauthClient, clock).start(0);
 *   server.firstAdminToken().ifPresent(t -> System.out.println("admin token: " + t.value().reveal()));
 *   ... server.url() ...
 *   server.stop();
 * }
 * }</pre>
 *
 * <p>{@link #start} migrates the server's tables (in the store's database), creates the first
 * admin token when this database has never seen a server, and binds. {@link #stop} stops
 * accepting and lets requests in flight finish (up to {@code shutdown-timeout}). The caller owns
 * the store and the OAuth client and closes them after {@code stop}. Start and stop from one
 * thread; the accessors are thread-safe once started.
 */
public final class MailtokenServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailtokenServer.class);
  /** How often each node looks for accounts added, reconnected or removed elsewhere. */
  static final long SYNC_SECONDS = 30;
  private static final int REFRESH_THREADS = 8;

  private final ServerConfig config;
  private final CredentialStore store;
  private final OAuthClient oauthClient;
  private final Clock clock;
  private final Optional<Scheduler> scheduler;
  private volatile WebServer web;
  private volatile Accounts accounts;
  private volatile AuditLog audit;
  private volatile ScheduledExecutorService syncer;
  private volatile Webhooks webhooks;
  private volatile ServerMetrics metrics;
  private volatile ScheduledExecutorService ownThreads;
  private volatile Optional<CreatedApiToken> firstAdminToken = Optional.empty();
  private volatile ApiTokens apiTokens;
  private volatile ConnectLinks connectLinks;

  public MailtokenServer(ServerConfig config, CredentialStore store, OAuthClient oauthClient, Clock clock) {
    this(config, store, oauthClient, clock, Optional.empty());
  }

  /**
   * @param scheduler runs the server's delayed work (proactive refreshes, webhook deliveries);
   *     tests pass one they run by hand (with a test clock); empty: threads of the server's own
   */
  public MailtokenServer(ServerConfig config, CredentialStore store, OAuthClient oauthClient, Clock clock,
      Optional<Scheduler> scheduler) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.oauthClient = Objects.requireNonNull(oauthClient, "oauthClient");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** Starts on the configured port. @see #start(int) */
  public MailtokenServer start() throws MailtokenException {
    return start(config.port());
  }

  /**
   * Migrates the server's tables, creates the first admin token on a database that never had a
   * server, and starts listening on {@code port} (0: any free port).
   *
   * @throws MailtokenException when the database cannot be prepared or the TLS material read
   * @throws IllegalStateException when already started
   */
  public synchronized MailtokenServer start(int port) throws MailtokenException {
    if (web != null) {
      throw new IllegalStateException("this server was already started");
    }
    ServerDatabase db = ServerDatabase.open(store);
    AuditLog auditLog = new AuditLog(db, clock);
    ApiTokens tokens = new ApiTokens(db, auditLog, clock);
    firstAdminToken = tokens.createFirstAdminToken();
    ServerMetrics meters = new ServerMetrics(store, config.metricsOpenOnLoopback());
    ServerConfig.Webhooks hooks = config.webhooks();
    Webhooks hooksFacade = new Webhooks(db, store.internalSealedFields(), auditLog, clock,
        WebhookSettings.of(hooks.allowPlainHttp(), hooks.retryTtl(), hooks.timeout()), meters.webhookDeliveries());
    Accounts accountsFacade = new Accounts(store, db, oauthClient, auditLog, new RefreshSettings(
        config.refreshMargin(), config.refreshJitter(), config.refreshesPerSecond(), REFRESH_THREADS), clock,
        scheduler, List.of(hooksFacade.accountEvents(), meters.accountEvents()), List.of(meters.tokens()));
    meters.tokens().watch(accountsFacade.tokenManager());
    accountsFacade.start();
    List<HealthCheck> readiness = Readiness.checks(db, store);
    Logins logins = new Logins(db, tokens, auditLog, clock, config.login());
    ConnectLinks connect = new ConnectLinks(db, store, oauthClient, auditLog, clock,
        new ConnectSettings(this::url, config.connectReturnUrls(), config.connectLinkTtl()),
        connected -> tellAccounts(accountsFacade, connected));
    Apps apps = new Apps(store, oauthClient, auditLog);
    WebServer w = new WebServer(webSettings(port), tokens::authenticate, logins::session, readiness,
        List.of(tokens.endpoints(), auditLog.endpoints(), accountsFacade.endpoints(), apps.endpoints(),
            logins.endpoints(), connect.endpoints(), hooksFacade.endpoints(), meters.endpoints(),
            accountsFacade.pages(reconnectLinks(connect)), apps.pages(), tokens.pages(), hooksFacade.pages()));
    w.start();
    hooksFacade.start(scheduler.orElseGet(this::ownScheduler));
    apiTokens = tokens;
    connectLinks = connect;
    accounts = accountsFacade;
    audit = auditLog;
    webhooks = hooksFacade;
    metrics = meters;
    syncer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mailtoken-server-sync"));
    syncer.scheduleWithFixedDelay(this::syncQuietly, SYNC_SECONDS, SYNC_SECONDS, TimeUnit.SECONDS);
    web = w;
    LOG.info("mailtoken server listening on {} (database {})", url(), db.description());
    return this;
  }

  /** One daemon thread for the webhook deliveries (they make HTTP requests), stopped by {@link #stop}. */
  private Scheduler ownScheduler() {
    ownThreads = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mailtoken-webhooks"));
    return Scheduler.of(ownThreads);
  }

  private WebSettings webSettings(int port) throws MailtokenException {
    return new WebSettings(config.host(), port, config.maxBodyBytes(), config.trustedProxies(),
        config.tls().isPresent() ? Optional.of(TlsMaterial.load(config.tls().get())) : Optional.empty(),
        config.shutdownTimeout());
  }

  /** The bound port. @throws IllegalStateException before {@link #start} */
  public int port() {
    return running().port();
  }

  /** Where to reach the server: {@code public-url} when set, else {@code http(s)://host:port}. */
  public URI url() {
    if (config.publicUrl().isPresent()) {
      return config.publicUrl().get();
    }
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create((running().tls() ? "https" : "http") + "://" + host + ":" + port());
  }

  /** Every route as {@code METHOD /path}: for the API contract test and diagnostics. */
  public List<String> routes() {
    return running().routes();
  }

  /** The admin token created by this start, on a database that never had a server; else empty. */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public Optional<CreatedApiToken> firstAdminToken() {
    return firstAdminToken;
  }

  /** The API-token facade of the running server. @throws IllegalStateException before {@link #start} */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public ApiTokens apiTokens() {
    running();
    return apiTokens;
  }

  /** The connect-link facade of the running server. @throws IllegalStateException before {@link #start} */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public ConnectLinks connectLinks() {
    running();
    return connectLinks;
  }

  /** The webhook facade of the running server. @throws IllegalStateException before {@link #start} */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public Webhooks webhooks() {
    running();
    return webhooks;
  }

  /** The metrics facade of the running server. @throws IllegalStateException before {@link #start} */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public ServerMetrics metrics() {
    running();
    return metrics;
  }

  private WebServer running() {
    WebServer w = web;
    if (w == null) {
      throw new IllegalStateException("the server is not started");
    }
    return w;
  }

  /** Reconnect links for the account pages: a connect link for the account's app, its mailbox expected. */
  private static ReconnectLinks reconnectLinks(ConnectLinks connect) {
    return (app, mailbox, actor) -> connect.create(new NewConnectLink(Optional.of(app), Optional.of(mailbox),
        Optional.empty(), Optional.empty()), actor).url();
  }

  /** A mailbox connected on the web: refreshed from now on, its event and audit line written. */
  private static void tellAccounts(Accounts accounts, AccountConnected connected) {
    try {
      accounts.connected(connected.account(), connected.reconnected(), "connect-link:" + connected.linkId());
    } catch (MailtokenException e) {
      LOG.warn("{} was connected, but could not be registered for refresh yet ({}); the next look for changed"
          + " accounts will", connected.account(), e.getMessage());
    }
  }

  private void syncQuietly() {
    try {
      accounts.sync();
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("could not look for changed accounts: {}", e.getMessage());
    }
  }

  /** The accounts facade of the running server. @throws IllegalStateException before {@link #start} */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public Accounts accounts() {
    running();
    return accounts;
  }

  /**
   * Stops accepting connections and lets the requests in flight finish (up to
   * {@code shutdown-timeout}), then stops refreshing: refreshes in flight get up to
   * {@code shutdown-timeout} again to complete, so the store commits their results before the
   * caller closes it; then writes the queued audit entries. Idempotent.
   */
  public synchronized void stop() {
    WebServer w = web;
    if (w == null) {
      return;
    }
    web = null;
    w.stop();
    syncer.shutdownNow();
    accounts.stop(config.shutdownTimeout());
    webhooks.close();
    if (ownThreads != null) {
      ownThreads.shutdownNow();
    }
    awaitStopped(config.shutdownTimeout(), syncer, ownThreads);
    audit.close();
    LOG.info("mailtoken server stopped");
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Waits for the server's own threads to end, so none of them touches the store after
   * {@link #stop} returned (the caller may close or delete it next).
   */
  private static void awaitStopped(Duration grace, ExecutorService... executors) {
    long deadline = System.nanoTime() + grace.toNanos();
    for (ExecutorService e : executors) {
      if (e == null) {
        continue;
      }
      try {
        if (!e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          LOG.warn("a server thread was still running {} after the stop began", grace);
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "MailtokenServer[" + config + "]";
  }

  OAuthClient oauthClient() {
    return oauthClient;
  }
}
