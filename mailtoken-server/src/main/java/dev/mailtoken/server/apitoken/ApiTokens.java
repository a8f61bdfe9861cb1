package dev.mailtoken.server.apitoken;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.Scope;
import dev.mailtoken.store.NoSuchEntryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens: random bearer secrets ({@code mtk_} + 256 random bits, base64url) with scopes, an
 * optional account binding and an optional expiry. Only the SHA-256 of a token is stored; its
 * value is returned once, by {@link #create}. {@link #authenticate} looks a presented token up by
 * its hash and records when it was last used (at most once a minute per token, so a busy client
 * does not write on every call; the audit log gets an {@code api_token.used} line at most once an
 * hour per token). A token found is remembered for {@link RecentTokens#TTL} (one second), so a busy
 * client costs one database read a second: revoking through this node takes effect at once, a
 * revocation by another node or the CLI within that second; expiry is checked on every call.
 *
 * <p>Thread-safe. Failures: {@link MailtokenException} when the database fails,
 * {@link NoSuchEntryException} for an unknown id, {@link IllegalArgumentException} for bad input.
 */
public final class ApiTokens {
  /** Every token starts with this, so secret scanners and people can recognise one. */
  public static final String PREFIX = "mtk_";
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  static final Duration USED_AUDIT_INTERVAL = Duration.ofHours(1);

  private final ApiTokenRepository repository;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final RecentTokens recent = new RecentTokens(System::nanoTime);

  public ApiTokens(ServerDatabase db, AuditLog audit, Clock clock) {
    this.repository = new ApiTokenRepository(Objects.requireNonNull(db, "db"));
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a token; the value in the result is the only copy there will ever be.
   *
   * @param actor who asks (an API token id, {@code session:<id>}, {@code cli})
   * @throws IllegalArgumentException when the expiry is not in the future
   */
  public CreatedApiToken create(NewApiToken request, String actor) throws MailtokenException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(actor, "actor");
    Instant now = clock.instant();
    if (request.expiresAt().isPresent() && !request.expiresAt().get().isAfter(now)) {
      throw new IllegalArgumentException("expiresAt must be in the future (it is " + request.expiresAt().get()
          + ", now is " + now + ")");
    }
    CreatedApiToken created = newToken(request, actor, now);
    repository.db().write(c -> {
      ApiTokenRepository.insert(c, created.token(), hash(created.value().reveal()));
      return null;
    });
    audit.record(actor, "api_token.created", created.token().id(), "scopes " + created.token().scopes()
        + (created.token().accounts().isEmpty() ? "" : ", accounts " + created.token().accounts()));
    return created;
  }

  /**
   * On the very first start of a server on this database only: an admin token, so the person who
   * started it can log in. Later starts (and other nodes) get empty.
   */
  public Optional<CreatedApiToken> createFirstAdminToken() throws MailtokenException {
    Instant now = clock.instant();
    CreatedApiToken created = newToken(new NewApiToken("first admin token", List.of(Scope.ADMIN), List.of(),
        Optional.empty()), "server", now);
    boolean first = repository.db().write(c -> {
      if (!ApiTokenRepository.markFirstStart(c, now)) {
        return false;
      }
      ApiTokenRepository.insert(c, created.token(), hash(created.value().reveal()));
      return true;
    });
    if (!first) {
      return Optional.empty();
    }
    audit.record("server", "api_token.created", created.token().id(), "first admin token, scopes [admin]");
    return Optional.of(created);
  }

  /** Every token, revoked and expired ones included, oldest first. */
  public List<ApiToken> list() throws MailtokenException {
    return repository.all();
  }

  public Optional<ApiToken> find(String id) throws MailtokenException {
    return repository.byId(Objects.requireNonNull(id, "id"));
  }

  /**
   * Revokes a token: it stops working at once, on every node. Revoking it again changes nothing.
   *
   * @throws NoSuchEntryException when there is no token with that id
   */
  public ApiToken revoke(String id, String actor) throws MailtokenException {
    Objects.requireNonNull(actor, "actor");
    if (!repository.revoke(Objects.requireNonNull(id, "id"), clock.instant())) {
      throw new NoSuchEntryException("No API token with id " + id + "; list them with GET /v1/api-tokens or"
          + " mailtoken api-tokens list.", null);
    }
    recent.forget(id);
    audit.record(actor, "api_token.revoked", id, "");
    return repository.byId(id).orElseThrow();
  }

  /**
   * The principal for a presented token: empty when it is malformed, unknown, revoked or expired.
   * Never logs the token.
   */
  public Optional<Principal> authenticate(String presented) throws MailtokenException {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
      return Optional.empty();
    }
    String hash = hash(presented);
    Optional<ApiToken> found = recent.get(hash);
    if (found.isEmpty()) {
      found = repository.byHash(hash);
      found.ifPresent(t -> recent.put(hash, t));
    }
    Instant now = clock.instant();
    if (found.isEmpty() || !found.get().activeAt(now)) {
      return Optional.empty();
    }
    ApiToken t = found.get();
    touch(hash, t, now);
    return Optional.of(new Principal(t.id(), Set.copyOf(t.scopes()), Set.copyOf(t.accounts())));
  }

  private void touch(String hash, ApiToken t, Instant now) throws MailtokenException {
    Optional<Instant> last = t.lastUsedAt();
    if (last.isPresent() && last.get().plus(TOUCH_INTERVAL).isAfter(now)) {
      return;
    }
    repository.touch(t.id(), now);
    recent.touched(hash, new ApiToken(t.id(), t.name(), t.scopes(), t.accounts(), t.createdAt(), t.createdBy(),
        t.expiresAt(), Optional.of(now), t.revokedAt()));
    if (last.isEmpty() || last.get().plus(USED_AUDIT_INTERVAL).isBefore(now)) {
      audit.record(t.id(), "api_token.used", t.id(), "");
    }
  }

  /** {@code POST /v1/api-tokens}, {@code GET /v1/api-tokens}, {@code GET|DELETE /v1/api-tokens/{id}} (scope admin). */
  public Endpoints endpoints() {
    return new ApiTokenEndpoints(this);
  }

  /**
   * The API-token pages (a login required): {@code /admin/api-tokens} to list and create (the value
   * shown once), {@code /admin/api-tokens/{id}/revoke}.
   */
  public Endpoints pages() {
    return new ApiTokenPageEndpoints(this, clock);
  }

  private CreatedApiToken newToken(NewApiToken request, String actor, Instant now) {
    byte[] secret = new byte[32];
    byte[] id = new byte[8];
    synchronized (random) {
      random.nextBytes(secret);
      random.nextBytes(id);
    }
    Secret value = Secret.of(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    ApiToken token = new ApiToken(HexFormat.of().formatHex(id), request.name(), request.scopes(),
        request.accounts(), now, actor, request.expiresAt(), Optional.empty(), Optional.empty());
    return new CreatedApiToken(token, value);
  }

  static String hash(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
