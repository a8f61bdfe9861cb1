package dev.mailtoken.server.login;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.apitoken.ApiToken;
import dev.mailtoken.server.apitoken.ApiTokens;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Csrf;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.Scope;
import dev.mailtoken.server.web.WebSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Logging in to the admin pages, with an active API token holding {@code admin} or with the admin
 * password ({@link #setPassword}; stored as a PBKDF2-HMAC-SHA256 hash with 600,000 iterations).
 * A login makes a session: a random cookie value (256 bits) of which the database keeps only the
 * SHA-256, so any node serves the session; it ends after {@code idleTimeout} unused, after
 * {@code absoluteTimeout} in any case, at {@link #logout}, and at once when the token it logged in
 * with is revoked or expires or the password is changed or removed. Failed logins are counted per
 * client address in this node's memory: after {@code maxFailures} within {@code failureWindow} the
 * address waits ({@link LoginOutcome.Throttled}) and nothing is checked meanwhile.
 *
 * <p>The audit log records logins, failed logins, logouts and password changes; never a password,
 * token or cookie. Thread-safe. Failures: {@link MailtokenException} when the database fails;
 * {@link IllegalArgumentException} for a password too short.
 */
public final class Logins {
  /** The shortest admin password accepted. */
  public static final int MIN_PASSWORD_LENGTH = 12;
  /** The cookie that carries the login form's CSRF secret before a session exists. */
  static final String LOGIN_COOKIE = "mailtoken_login";
  /** A session's last use is written at most this often (the idle timeout is this precise). */
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final String VIA_TOKEN = "api_token:";
  private static final String VIA_PASSWORD = "password:";

  private final SessionRepository repository;
  private final ApiTokens tokens;
  private final AuditLog audit;
  private final Clock clock;
  private final LoginSettings settings;
  private final FailedLogins failures;
  private final SecureRandom random = new SecureRandom();

  public Logins(ServerDatabase db, ApiTokens tokens, AuditLog audit, Clock clock, LoginSettings settings) {
    this.repository = new SessionRepository(Objects.requireNonNull(db, "db"));
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.failures = new FailedLogins(settings.maxFailures(), settings.failureWindow(), clock);
  }

  /**
   * Sets (or replaces) the admin password; every session that logged in with the old one ends.
   *
   * @throws IllegalArgumentException when it has fewer than {@link #MIN_PASSWORD_LENGTH} characters
   *     or starts like an API token
   */
  public void setPassword(Secret password, String actor) throws MailtokenException {
    String p = Objects.requireNonNull(password, "password").reveal();
    if (p.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("the admin password needs at least " + MIN_PASSWORD_LENGTH
          + " characters; it has " + p.length());
    }
    if (p.startsWith(ApiTokens.PREFIX)) {
      throw new IllegalArgumentException("the admin password must not start with " + ApiTokens.PREFIX
          + " (API tokens do; the login form tells them apart by it)");
    }
    repository.setPassword(Optional.of(PasswordHash.hash(p, random)));
    audit.record(actor, "admin_password.set", "admin", "sessions logged in with a password ended");
  }

  /** Removes the admin password (login with an admin API token only); its sessions end. @return false when none was set */
  public boolean clearPassword(String actor) throws MailtokenException {
    if (repository.password().isEmpty()) {
      return false;
    }
    repository.setPassword(Optional.empty());
    audit.record(actor, "admin_password.removed", "admin", "sessions logged in with a password ended");
    return true;
  }

  /** True when an admin password is set. */
  public boolean passwordSet() throws MailtokenException {
    return repository.password().isPresent();
  }

  /**
   * Logs in with {@code presented} (an API token holding {@code admin}, or the admin password)
   * from {@code client} (the client's address).
   */
  public LoginOutcome login(String presented, String client) throws MailtokenException {
    Objects.requireNonNull(client, "client");
    Optional<Duration> wait = failures.waitFor(client);
    if (wait.isPresent()) {
      return new LoginOutcome.Throttled(wait.get());
    }
    Optional<String> via = check(presented);
    if (via.isEmpty()) {
      failures.failed(client);
      audit.record("-", "login.failed", client, "");
      return new LoginOutcome.Refused();
    }
    failures.succeeded(client);
    Instant now = clock.instant();
    repository.deleteExpired(now.minus(settings.absoluteTimeout()), now.minus(settings.idleTimeout()));
    String id = HexFormat.of().formatHex(bytes(8));
    Secret cookie = Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));
    repository.insert(new SessionRepository.Row(id, via.get(), now, now), hash(cookie.reveal()), client);
    String actor = via.get().startsWith(VIA_TOKEN) ? via.get().substring(VIA_TOKEN.length()) : "admin password";
    audit.record(actor, "login.succeeded", "session:" + id, "from " + client);
    return new LoginOutcome.Succeeded(cookie, session(id, cookie.reveal()));
  }

  /** How a presented secret logs in ({@code api_token:<id>}, {@code password:<hash fingerprint>}), if it does. */
  private Optional<String> check(String presented) throws MailtokenException {
    if (presented == null || presented.isEmpty() || presented.length() > 1024) {
      return Optional.empty();
    }
    if (presented.startsWith(ApiTokens.PREFIX)) {
      return tokens.authenticate(presented).filter(p -> p.scopes().contains(Scope.ADMIN))
          .map(p -> VIA_TOKEN + p.id());
    }
    Optional<String> stored = repository.password();
    return stored.isPresent() && PasswordHash.verify(stored.get(), presented)
        ? Optional.of(VIA_PASSWORD + PasswordHash.fingerprint(stored.get())) : Optional.empty();
  }

  /**
   * The live session whose cookie is {@code cookie}: empty when unknown, timed out, logged out, or
   * when what it logged in with is no longer valid (such a session is deleted). Records its use.
   */
  public Optional<WebSession> session(String cookie) throws MailtokenException {
    if (cookie == null || cookie.isEmpty()) {
      return Optional.empty();
    }
    Optional<SessionRepository.Row> found = repository.bySecretHash(hash(cookie));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SessionRepository.Row row = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(row.createdAt().plus(settings.absoluteTimeout()))
        || !now.isBefore(row.lastSeenAt().plus(settings.idleTimeout())) || !stillValid(row.via(), now)) {
      repository.delete(row.id());
      return Optional.empty();
    }
    if (!now.isBefore(row.lastSeenAt().plus(TOUCH_INTERVAL))) {
      repository.touch(row.id(), now);
    }
    return Optional.of(session(row.id(), cookie));
  }

  private boolean stillValid(String via, Instant now) throws MailtokenException {
    if (via.startsWith(VIA_TOKEN)) {
      Optional<ApiToken> t = tokens.find(via.substring(VIA_TOKEN.length()));
      return t.isPresent() && t.get().activeAt(now) && t.get().scopes().contains(Scope.ADMIN);
    }
    Optional<String> stored = repository.password();
    return stored.isPresent() && via.equals(VIA_PASSWORD + PasswordHash.fingerprint(stored.get()));
  }

  /** Ends the session whose cookie is {@code cookie}, if there is one. */
  public void logout(String cookie, String actor) throws MailtokenException {
    if (cookie == null || cookie.isEmpty()) {
      return;
    }
    Optional<SessionRepository.Row> row = repository.bySecretHash(hash(cookie));
    if (row.isPresent() && repository.delete(row.get().id())) {
      audit.record(actor, "logout", "session:" + row.get().id(), "");
    }
  }

  /** {@code GET|POST /login}, {@code POST /logout}. */
  public Endpoints endpoints() {
    return new LoginEndpoints(this);
  }

  /** A fresh secret for the login form's cookie (256 bits, base64url). */
  String newLoginSecret() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
  }

  private static WebSession session(String id, String cookie) {
    return new WebSession(id, new Principal("session:" + id, Set.of(Scope.ADMIN), Set.of()), Csrf.tokenFor(cookie));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    synchronized (random) {
      random.nextBytes(b);
    }
    return b;
  }

  private static String hash(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
