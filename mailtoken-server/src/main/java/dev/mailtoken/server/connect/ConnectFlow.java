package dev.mailtoken.server.connect;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationRequestBuilder;
import dev.mailtoken.oauth.PendingAuthorization;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The steps before the provider: opening a link (binding it to this browser with a cookie),
 * showing the choice of provider, and starting a consent attempt (state and PKCE through core's
 * {@link PendingAuthorization}, stored so any node can take the provider's answer). Every refusal
 * is a {@link ConnectFailure}. Thread-safe.
 */
final class ConnectFlow {
  /** How long a person may stay at the provider's consent page before its answer is refused. */
  static final Duration ATTEMPT_TTL = Duration.ofMinutes(15);
  /** The server's own OAuth redirect path, under the public URL. */
  static final String CALLBACK_PATH = "/connect/callback";

  /** A link opened in this browser: {@code session} is the cookie value; {@code fresh} when just set. */
  record Opened(StoredLink link, Secret session, boolean fresh) { }

  /** A link whose browser session is proven; with the apps the person may pick from. */
  record Session(StoredLink link, Secret session, List<StoredApp> apps) { }

  private final ConnectRepository repository;
  private final WebApps apps;
  private final ConnectSettings settings;
  private final Clock clock;
  private final SecureRandom random;

  ConnectFlow(ConnectRepository repository, WebApps apps, ConnectSettings settings, Clock clock, SecureRandom random) {
    this.repository = repository;
    this.apps = apps;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  URI callbackUri() {
    String base = settings.publicUrl().get().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH);
  }

  /** How long until {@code link} expires, by the server's clock: the cookie's Max-Age. */
  Duration untilExpiry(ConnectLink link) {
    return Duration.between(clock.instant(), link.expiresAt());
  }

  /**
   * The link behind {@code secret}, bound to this browser: the first browser to open a link
   * keeps it; the same browser may open it again; any other is refused.
   *
   * @param cookie the link's cookie as this browser sent it, looked up by the link's id
   */
  Opened open(String secret, java.util.function.Function<String, String> cookie) throws MailtokenException {
    if (secret == null || secret.isBlank() || secret.length() > 200) {
      throw unknownLink();
    }
    StoredLink s = repository.linkBySecretHash(BrowserSession.hash(secret)).orElseThrow(ConnectFlow::unknownLink);
    String presented = cookie.apply(BrowserSession.cookieName(s.link().id()));
    if (BrowserSession.matches(s.sessionHash(), presented)) {
      return new Opened(s, Secret.of(presented), false);
    }
    refuseFinished(s);
    if (s.sessionHash().isPresent()) {
      throw otherBrowser(s);
    }
    Secret session = BrowserSession.newSecret(random);
    if (!repository.bindSession(s.link().id(), BrowserSession.hash(session.reveal()), clock.instant())) {
      throw otherBrowser(s);
    }
    return new Opened(repository.linkById(s.link().id()).orElseThrow(ConnectFlow::unknownLink), session, true);
  }

  /**
   * The link {@code linkId} for the browser holding {@code cookie}, still usable.
   *
   * @throws ConnectFailure when the browser has no session for it, or it is used or expired
   */
  Session session(String linkId, String cookie) throws MailtokenException {
    StoredLink s = proven(linkId, cookie);
    refuseFinished(s);
    List<StoredApp> offered = s.link().app().isPresent()
        ? apps.find(s.link().app().get()).filter(WebApps::canConnect).stream().toList() : apps.offered();
    if (offered.isEmpty()) {
      throw new ConnectFailure(503, "no_app", "No way to connect a mailbox yet", s.link().app().isPresent()
          ? "The app " + s.link().app().get() + " this link was made for no longer exists or cannot connect a"
              + " mailbox on the web. Ask whoever sent the link for a new one."
          : "This server has no app that can connect a mailbox on the web. Ask its administrator to add one.")
          .on(s);
    }
    return new Session(s, Secret.of(cookie), offered);
  }

  /** The link for a browser that proves its session, finished or not (for the success page on reload). */
  StoredLink proven(String linkId, String cookie) throws MailtokenException {
    StoredLink s = repository.linkById(linkId).orElseThrow(ConnectFlow::unknownLink);
    if (!BrowserSession.matches(s.sessionHash(), cookie)) {
      throw noSession().on(s);
    }
    return s;
  }

  /**
   * Starts a consent attempt with {@code appName} and returns the provider URL to send the browser to.
   *
   * @param formToken the form's hidden token: proves the form was served to this browser session
   * @param forceConsent ask the provider to show its consent screen again (a refresh token is then issued)
   */
  URI start(String linkId, String cookie, String formToken, String appName, boolean forceConsent)
      throws MailtokenException {
    Session s = session(linkId, cookie);
    if (!BrowserSession.formTokenMatches(s.session(), formToken)) {
      throw new ConnectFailure(403, "stale_form", "This form has expired", "The form was not sent from the"
          + " page this browser was shown, or that page is out of date. Go back to the page, reload it and try"
          + " again.").on(s.link());
    }
    String name = s.link().link().app().orElse(appName == null ? "" : appName);
    StoredApp stored = s.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() ->
        new ConnectFailure(400, "unknown_app", "Pick a provider", "There is no app \"" + name + "\" to connect"
            + " with; go back and pick one of the buttons.").on(s.link()));
    URI redirect = callbackUri();
    App app = apps.forFlow(stored, redirect);
    AuthorizationRequestBuilder builder = PendingAuthorization.builder(app);
    s.link().link().expectedMailbox().ifPresent(builder::loginHint);
    // Google's preset already asks prompt=consent with access_type=offline on every attempt; other
    // providers get it when the first try came back without a refresh token.
    if (forceConsent && app.provider().offlineAccessParameters().isEmpty()) {
      builder.extraParameter("prompt", "consent");
    }
    PendingAuthorization pending = builder.build();
    Instant now = clock.instant();
    String stateHash = BrowserSession.hash(pending.state().reveal());
    Secret verifier = pending.codeVerifier().orElseThrow();
    repository.insertAttempt(new Attempt(stateHash, s.link().link().id(), stored.name(), redirect, pending.scopes(),
        pending.requiredScopes(), BrowserSession.seal(verifier, s.session(), stateHash, random), now,
        now.plus(ATTEMPT_TTL), Optional.empty()));
    return pending.uri();
  }

  /** Refuses a link that connected a mailbox already or whose time is up. */
  static void refuseFinished(StoredLink s) {
    ConnectLink l = s.link();
    if (l.status() == ConnectLink.Status.CONNECTED) {
      throw new ConnectFailure(410, "link_used", "This connect link was already used", "It connected "
          + l.account().orElse("a mailbox") + ". A connect link works once; ask whoever sent it for a new one.")
          .on(s);
    }
    if (l.status() == ConnectLink.Status.EXPIRED) {
      throw new ConnectFailure(410, "link_expired", "This connect link has expired", "It was valid until "
          + l.expiresAt() + ". Ask whoever sent it for a new one.").on(s);
    }
  }

  static ConnectFailure unknownLink() {
    return new ConnectFailure(404, "unknown_link", "This connect link is not valid", "Check that the whole link"
        + " was copied into the address bar. If it was, ask whoever sent it for a new one.");
  }

  static ConnectFailure noSession() {
    return new ConnectFailure(403, "session_missing", "Your browser session for this link has ended", "This"
        + " browser does not hold the session this connect link was opened with: it may have expired or been"
        + " cleared, or the link was opened in another browser. Nothing was stored. Continue in the browser"
        + " where you opened the link, or ask whoever sent it for a new one.");
  }

  private static ConnectFailure otherBrowser(StoredLink s) {
    return new ConnectFailure(410, "link_used", "This connect link was already opened", "It was opened in"
        + " another browser, and only that browser can use it. If that was not you, or you cannot go back to it,"
        + " ask whoever sent the link for a new one.").on(s);
  }
}
