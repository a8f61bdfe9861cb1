package dev.mailtoken.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.account.AccountEventListener;
import dev.mailtoken.server.account.Accounts;
import dev.mailtoken.server.account.RefreshSettings;
import dev.mailtoken.server.apitoken.ApiTokens;
import dev.mailtoken.server.app.Apps;
import dev.mailtoken.server.apitoken.CreatedApiToken;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.HealthCheck;
import dev.mailtoken.server.web.WebServer;
import dev.mailtoken.server.web.WebSettings;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.token.Scheduler;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
  private volatile Optional<CreatedApiToken> firstAdminToken = Optional.empty();
  private volatile ApiTokens apiTokens;

  public MailtokenServer(ServerConfig config, CredentialStore store, OAuthClient oauthClient, Clock clock) {
    this(config, store, oauthClient, clock, Optional.empty());
  }

  /**
   * @param scheduler runs the proactive refreshes; tests pass one they run by hand (with a test
   *     clock); empty: a thread of the server's own
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
    Accounts accountsFacade = new Accounts(store, db, oauthClient, auditLog, new RefreshSettings(
        config.refreshMargin(), config.refreshJitter(), config.refreshesPerSecond(), REFRESH_THREADS), clock,
        scheduler, List.of(AccountEventListener.NONE));
    accountsFacade.start();
    List<HealthCheck> readiness = List.of(
        HealthCheck.of("database", () -> db.reachable(2) ? Optional.empty()
            : Optional.of("the database " + db.description() + " does not answer")),
        HealthCheck.of("key", () -> store.keys().keyIds().isEmpty() ? Optional.of("no key loaded") : Optional.empty()));
    WebServer w = new WebServer(webSettings(port), tokens::authenticate, readiness,
        List.of(tokens.endpoints(), auditLog.endpoints(), accountsFacade.endpoints(),
            new Apps(store, oauthClient, auditLog).endpoints()));
    w.start();
    apiTokens = tokens;
    accounts = accountsFacade;
    audit = auditLog;
    syncer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mailtoken-server-sync");
      t.setDaemon(true);
      return t;
    });
    syncer.scheduleWithFixedDelay(this::syncQuietly, SYNC_SECONDS, SYNC_SECONDS, TimeUnit.SECONDS);
    web = w;
    LOG.info("mailtoken server listening on {} (database {})", url(), db.description());
    return this;
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
  public Optional<CreatedApiToken> firstAdminToken() {
    return firstAdminToken;
  }

  /** The API-token facade of the running server. @throws IllegalStateException before {@link #start} */
  public ApiTokens apiTokens() {
    running();
    return apiTokens;
  }

  private WebServer running() {
    WebServer w = web;
    if (w == null) {
      throw new IllegalStateException("the server is not started");
    }
    return w;
  }

  private void syncQuietly() {
    try {
      accounts.sync();
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("could not look for changed accounts: {}", e.getMessage());
    }
  }

  /** The accounts facade of the running server. @throws IllegalStateException before {@link #start} */
  public Accounts accounts() {
    running();
    return accounts;
  }

  /**
   * Stops accepting requests and lets those in flight finish, then stops refreshing (refreshes in
   * flight complete; the store commits their results) and writes the queued audit entries.
   * Idempotent.
   */
  public synchronized void stop() {
    WebServer w = web;
    if (w == null) {
      return;
    }
    web = null;
    w.stop();
    syncer.shutdownNow();
    accounts.close();
    audit.close();
    LOG.info("mailtoken server stopped");
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "MailtokenServer[" + config + "]";
  }

  OAuthClient oauthClient() {
    return oauthClient;
  }
}
