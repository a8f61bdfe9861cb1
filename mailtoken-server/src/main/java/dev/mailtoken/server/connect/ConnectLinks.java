package dev.mailtoken.server.connect;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Connect links: single-use URLs that let a person connect a mailbox in their browser (issue 11
 * §3). {@link #create} makes one ({@code POST /v1/connect-links}); the person opens it, which binds
 * it to their browser with a cookie, picks a provider (unless the link names the app), consents
 * at the provider, and comes back to {@code /connect/callback}, where the grant is checked (refresh
 * token, scopes, the expected mailbox) and the account stored: new, or updated in place when it
 * exists (a reconnection). Only SHA-256 hashes of link secrets, OAuth states and browser sessions
 * are stored; the PKCE verifier is stored sealed under the browser session.
 *
 * <p>Any node of a cluster on one database can serve any step. Each step that changes state is one
 * conditional update, so a link is bound to one browser, an answer from the provider counts once
 * and a link connects one mailbox, even when requests race. Nothing is stored before the grant is
 * checked. A connected account is written to the audit log and told to the {@link ConnectListener}.
 *
 * <p>Thread-safe. Failures: {@link MailtokenException} when the database or the provider fails,
 * {@link IllegalArgumentException} for a request that cannot be served (unknown app, return URL
 * not allowed), {@link ConfigurationException} when no app can connect a mailbox on the web.
 */
public final class ConnectLinks {
  /** Every link secret starts with this, so secret scanners and people can recognise one. */
  public static final String PREFIX = "mtc_";
  /** The path a link points at; its secret is the {@code token} query parameter (masked in the request log). */
  public static final String OPEN_PATH = "/connect";

  private final ConnectRepository repository;
  private final WebApps apps;
  private final AuditLog audit;
  private final Clock clock;
  private final ConnectSettings settings;
  private final ReturnUrls returnUrls;
  private final SecureRandom random = new SecureRandom();
  private final ConnectFlow flow;
  private final ConsentCallback callback;

  /**
   * @param oauth makes the code exchange, userinfo and revocation requests
   * @param listener told about every connected mailbox ({@link ConnectListener#NONE} for nobody)
   */
  public ConnectLinks(ServerDatabase db, CredentialStore store, OAuthClient oauth, AuditLog audit, Clock clock,
      ConnectSettings settings, ConnectListener listener) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(oauth, "oauth");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(listener, "listener");
    this.repository = new ConnectRepository(db, clock);
    this.apps = new WebApps(store, oauth);
    this.returnUrls = new ReturnUrls(settings.returnUrls());
    this.flow = new ConnectFlow(repository, apps, settings, clock, random);
    this.callback = new ConsentCallback(repository, apps, oauth,
        new AccountWriter(store, oauth, repository, audit, listener, clock), clock);
  }

  /**
   * Creates a link; the URL in the result is the only copy of its secret there will ever be.
   *
   * @param actor who asks (an API token id, {@code session:<id>})
   * @throws IllegalArgumentException when the app is unknown or cannot connect a mailbox on the web,
   *     or the return URL is not on the allow-list
   * @throws ConfigurationException when no app is named and none can connect a mailbox on the web
   */
  public CreatedConnectLink create(NewConnectLink request, String actor) throws MailtokenException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(actor, "actor");
    checkPublicUrl();
    checkApp(request.app());
    request.returnUrl().ifPresent(this::checkReturnUrl);
    Instant now = clock.instant();
    repository.purge(now);
    String id = HexFormat.of().formatHex(randomBytes(8));
    Secret secret = Secret.of(PREFIX + BrowserSession.randomText(random, 32));
    ConnectLink link = new ConnectLink(id, request.app(), request.expectedMailbox(), request.returnUrl(), now, actor,
        now.plus(request.ttl().orElse(settings.defaultTtl())), Optional.empty(), Optional.empty(), Optional.empty(),
        ConnectLink.Status.PENDING);
    repository.insertLink(link, BrowserSession.hash(secret.reveal()));
    audit.record(actor, "connect_link.created", id, "app " + request.app().orElse("(person picks)")
        + request.expectedMailbox().map(m -> ", expected mailbox " + m).orElse("") + ", expires " + link.expiresAt());
    return new CreatedConnectLink(link, Secret.of(base() + OPEN_PATH + "?token=" + secret.reveal()));
  }

  /** The link with this id, with its status now; empty when unknown (or deleted a week after it expired). */
  public Optional<ConnectLink> find(String id) throws MailtokenException {
    return repository.linkById(Objects.requireNonNull(id, "id")).map(StoredLink::link);
  }

  /** {@code POST /v1/connect-links}, {@code GET /v1/connect-links/{id}} and the browser pages under {@code /connect}. */
  public Endpoints endpoints() {
    Endpoints api = new ConnectApiEndpoints(this);
    Endpoints pages = new ConnectPageEndpoints(flow, callback);
    return (routes, access) -> {
      api.addTo(routes, access);
      pages.addTo(routes, access);
    };
  }

  /** A wildcard listening address is no place a browser or a provider can be sent to. */
  private void checkPublicUrl() throws ConfigurationException {
    String host = URI.create(base()).getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
      throw new ConfigurationException("Connect links need the address people and providers reach this server at,"
          + " but it listens on " + base() + ": set public-url (e.g. https://mail.example.com).");
    }
  }

  private void checkApp(Optional<String> name) throws MailtokenException {
    List<StoredApp> offered = apps.offered();
    if (name.isEmpty()) {
      if (offered.isEmpty()) {
        throw new ConfigurationException("No app can connect a mailbox on the web: add a Google, Microsoft or"
            + " OpenID Connect app with an authorization endpoint, and register " + flow.callbackUri()
            + " as its redirect URI.");
      }
      return;
    }
    Optional<StoredApp> app = apps.find(name.get());
    if (app.isEmpty() || !WebApps.canConnect(app.get())) {
      throw new IllegalArgumentException("app: " + (app.isEmpty() ? "there is no app named " + name.get()
          : "app " + name.get() + " cannot connect a mailbox on the web (it needs an authorization endpoint and an"
              + " issuer or userinfo endpoint)") + "; apps that can: "
          + (offered.isEmpty() ? "none" : String.join(", ", offered.stream().map(StoredApp::name).toList())));
    }
  }

  private void checkReturnUrl(String url) {
    if (returnUrls.isEmpty()) {
      throw new IllegalArgumentException("returnUrl: this server accepts no return URL; its administrator can"
          + " allow some with the setting connect.return-urls");
    }
    if (!returnUrls.allows(URI.create(url))) {
      throw new IllegalArgumentException("returnUrl: " + url + " does not start with any URL allowed by the"
          + " setting connect.return-urls " + settings.returnUrls());
    }
  }

  private String base() {
    String b = settings.publicUrl().get().toString();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    synchronized (random) {
      random.nextBytes(b);
    }
    return b;
  }
}
