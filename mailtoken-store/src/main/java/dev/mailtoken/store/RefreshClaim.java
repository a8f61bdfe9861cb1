package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ServiceAccountKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A token request this process committed to send for one account, and everything it needs to
 * send it, prepared under the lock. Immutable.
 *
 * @param id unique per claim: a completion only releases the claim it made
 * @param sentRefreshToken the refresh token sent (refresh-token grants), to tell whether the grant
 *     was replaced while the request was out
 * @param key the service-account key (service-account grants)
 * @param previous the state found when claiming, whose failures and interruption carry over
 * @param resourceKey the scope key of the token asked for ({@link ResourceTokens#key}); empty for
 *     the account's own token. The claim itself is the account's: one refresh-token use at a time
 */
record RefreshClaim(
    String id,
    String address,
    String owner,
    Instant at,
    Instant leaseUntil,
    GrantKind kind,
    App app,
    Optional<Secret> sentRefreshToken,
    Optional<ServiceAccountKey> key,
    Optional<String> subject,
    List<String> scopes,
    RefreshState previous,
    Optional<Instant> interruptedAt,
    String resourceKey) {

  RefreshClaim {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(resourceKey, "resourceKey");
  }

  /** True when the token asked for is another resource's than the account's own. */
  boolean scoped() {
    return !resourceKey.isEmpty();
  }

  /** The row that says "this process is refreshing": committed before the request goes out. */
  RefreshStates.Row row() {
    return new RefreshStates.Row(Optional.of(id), new RefreshState(Optional.of(at), Optional.of(owner),
        Optional.of(leaseUntil), sentRefreshToken.map(Secret::fingerprint), interruptedAt, previous.failures(),
        previous.nextAttemptAt()));
  }

  boolean ownedBy(RefreshStates.Row row) {
    return row.claimId().filter(id::equals).isPresent();
  }
}
