package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.OAuthTimeoutException;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the outcome of a claimed refresh, whenever it arrives (also after the caller stopped
 * waiting): the rotated refresh token and the new access token (the account's own, or a resource
 * token) in one transaction, or the failure with the backoff every process honours; then releases
 * the claim. A resource token's failure that is not transient (Microsoft's {@code consent_required}
 * for a resource never consented to) leaves the account as it is: its own token may still work.
 * Thread-safe.
 */
final class RefreshCommit {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

  private final Database db;
  private final Supplier<FieldCipher> cipher;
  private final Clock clock;
  private final StoreOptions options;

  RefreshCommit(Database db, Supplier<FieldCipher> cipher, Clock clock, StoreOptions options) {
    this.db = db;
    this.cipher = cipher;
    this.clock = clock;
    this.options = options;
  }

  /**
   * Stores the answer and returns its access token. An unknown lifetime is stored as unknown (for
   * {@code accounts show}); the token is handed out with the expiry every later read of the row
   * gives it: {@link TokenResponse#ASSUMED_LIFETIME} after {@code last_refresh}.
   */
  AccessToken success(RefreshClaim claim, TokenResponse response) throws MailtokenException {
    AccessToken token = new AccessToken(response.accessToken(), response.expiresAt(), response.scopes());
    Optional<Secret> rotated = claim.sentRefreshToken()
        .flatMap(old -> response.refreshToken().filter(n -> !n.equals(old)));
    Optional<Instant> storedAt;
    try {
      storedAt = db.write(c -> {
        Optional<AccountRow> row = AccountRows.find(c, claim.address(), db.forUpdate());
        if (row.isEmpty() || !sameGrant(row.get(), claim)) {
          return Optional.<Instant>empty();
        }
        Instant now = clock.instant();
        storeNew(c, row.get(), now, token, rotated, claim.resourceKey());
        RefreshStates.write(c, claim.address(), RefreshStates.find(c, claim.address()).releasedBy(claim)
            .withCounters(Optional.empty(), 0, Optional.empty()));
        return Optional.of(now);
      });
    } catch (MailtokenException | RuntimeException e) {
      // The claim stays and its lease runs out: the next refresh is then treated as interrupted.
      log.error("account {}: the provider's answer could not be stored (refresh token {}): {}", claim.address(),
          rotated.map(r -> "rotated to sha256:" + r.fingerprint() + ", now lost").orElse("not rotated"),
          e.getMessage());
      throw e;
    }
    if (storedAt.isEmpty()) {
      log.warn("account {}: the grant was replaced or removed while its refresh was out; the answer (access token"
          + " sha256:{}) is not stored", claim.address(), token.value().fingerprint());
      return withExpiry(token, response.expiresAtOrAssumed());
    }
    claim.interruptedAt().ifPresent(t -> log.info("account {}: the refresh interrupted at {} left the grant usable",
        claim.address(), t));
    log.info("account {}: new access token sha256:{}{} stored{}", claim.address(), token.value().fingerprint(),
        claim.scoped() ? " for " + claim.resourceKey() : "",
        rotated.map(r -> ", refresh token rotated to sha256:" + r.fingerprint()).orElse(""));
    return withExpiry(token, response.expiresAt().orElse(storedAt.get().plus(TokenResponse.ASSUMED_LIFETIME)));
  }

  private static AccessToken withExpiry(AccessToken token, Instant expiresAt) {
    return new AccessToken(token.value(), Optional.of(expiresAt), token.scopes());
  }

  /** Records {@code e} and returns what the caller should get (for an interrupted refresh: why the grant died). */
  MailtokenException failure(RefreshClaim claim, MailtokenException e) throws MailtokenException {
    if (claim.scoped() && !e.isTransient() && !outcomeUnknown(e)) {
      return resourceFailure(claim, e);
    }
    Instant now = clock.instant();
    MailtokenException result = claim.interruptedAt().isPresent() && e instanceof ReauthorizationRequiredException
        ? new ReauthorizationRequiredException(interrupted(claim, claim.interruptedAt().get()), claim.address(),
            e.oauthError().orElse(null), e)
        : e;
    // OAuthClient has already cleaned any secret the provider echoed out of the message.
    String reason = ServerText.printable(String.valueOf(result.getMessage()));
    try {
      db.write(c -> {
        Optional<AccountRow> row = AccountRows.find(c, claim.address(), db.forUpdate());
        if (row.isEmpty() || !sameGrant(row.get(), claim)) {
          return null;
        }
        boolean dead = result instanceof ReauthorizationRequiredException;
        Map<String, Object> m = new LinkedHashMap<>();
        if (dead) {
          m.put("status", AccountHealth.REAUTHORIZATION_REQUIRED.name());
        }
        m.put("last_error", reason);
        AccountRows.update(c, claim.address(), row.get().version(), m, now, dead);
        RefreshStates.Row current = RefreshStates.find(c, claim.address());
        if (claim.ownedBy(current)) {
          RefreshStates.write(c, claim.address(), failed(claim, current.releasedBy(claim), result, now));
        }
        return null;
      });
    } catch (MailtokenException | RuntimeException storing) {
      storing.addSuppressed(result);
      throw storing;
    }
    if (result instanceof ReauthorizationRequiredException) {
      log.error("account {} needs reauthorization: {}", claim.address(), reason);
    } else {
      log.warn("account {}: refresh failed ({}): {}", claim.address(), result.getClass().getSimpleName(), reason);
    }
    return result;
  }

  /**
   * A resource token the provider refused for good (no consent for that resource, an unknown
   * scope): the claim is released and nothing else changes, so the account's own token, its
   * health and the shared backoff are as they were.
   */
  private MailtokenException resourceFailure(RefreshClaim claim, MailtokenException e) throws MailtokenException {
    db.write(c -> {
      RefreshStates.Row current = RefreshStates.find(c, claim.address());
      if (claim.ownedBy(current)) {
        RefreshStates.write(c, claim.address(), current.releasedBy(claim));
      }
      return null;
    });
    log.warn("account {}: no token for {} ({}): {}", claim.address(), claim.resourceKey(),
        e.getClass().getSimpleName(), ServerText.printable(String.valueOf(e.getMessage())));
    return e;
  }

  /** The state after a failure: claim released, one more failure, the next attempt pushed back. */
  private RefreshStates.Row failed(RefreshClaim claim, RefreshStates.Row released, MailtokenException e,
      Instant now) {
    int failures = released.state().failures() + 1;
    Optional<Duration> retryAfter = e instanceof TransientException t ? t.retryAfter() : Optional.empty();
    Instant next = now.plus(options.backoff().delay(failures, retryAfter));
    Optional<Instant> interrupted = claim.interruptedAt().isPresent() ? claim.interruptedAt()
        : outcomeUnknown(e) ? Optional.of(claim.at()) : Optional.empty();
    return released.withCounters(interrupted, failures,
        e instanceof ReauthorizationRequiredException ? Optional.empty() : Optional.of(next));
  }

  /**
   * True when the request may have reached the provider and been answered without us reading the
   * answer (a timeout or a dropped connection after sending): a rotating provider may then have
   * retired the refresh token we still hold.
   */
  static boolean outcomeUnknown(MailtokenException e) {
    Throwable cause = e.getCause();
    if (e instanceof OAuthTimeoutException) {
      return !(cause instanceof HttpConnectTimeoutException);
    }
    return e instanceof TransientException && cause instanceof IOException && !(cause instanceof ConnectException);
  }

  static String interrupted(RefreshClaim claim, Instant at) {
    return "Account " + claim.address() + ": a refresh was interrupted at " + at + " (process crash or timeout);"
        + " the provider revoked the token family; run mailtoken authorize --account " + claim.address() + ".";
  }

  /** False when the account got another grant (re-authorized, edited) while the request was out. */
  private boolean sameGrant(AccountRow row, RefreshClaim claim) throws ConfigurationException {
    return row.account().kind() == claim.kind()
        && (claim.sentRefreshToken().isEmpty() || row.refreshToken(cipher.get()).equals(claim.sentRefreshToken()));
  }

  /**
   * The rotated refresh token and the new access token, in one transaction: committed before either
   * is used. The refresh token is the account's whatever resource was asked for.
   */
  private void storeNew(Connection c, AccountRow row, Instant now, AccessToken token, Optional<Secret> rotated,
      String key) throws SQLException {
    FieldCipher f = cipher.get();
    String address = row.address();
    Map<String, Object> m = new LinkedHashMap<>();
    rotated.ifPresent(r -> m.put(AccountRow.REFRESH_TOKEN, Accounts.enc(f, AccountRow.REFRESH_TOKEN, address, rotated)));
    if (key.isEmpty()) {
      m.put(AccountRow.ACCESS_TOKEN, Accounts.enc(f, AccountRow.ACCESS_TOKEN, address, Optional.of(token.value())));
      m.put("access_token_expires_at", Columns.millis(token.expiresAt()));
      m.put("access_token_scopes", Columns.scopes(token.scopes()));
      // Also the start of the own token's assumed lifetime: only the own token's refresh sets it.
      m.put("last_refresh", now.toEpochMilli());
    } else {
      ResourceTokens.put(c, f, address, key, token, now);
    }
    m.put("last_error", null);
    if (!AccountRows.update(c, address, row.version(), m, now, true)) {
      throw new IllegalStateException("account " + address + " changed although its row was locked");
    }
  }
}
