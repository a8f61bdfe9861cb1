package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.RefreshState;
import dev.mailtoken.store.StoredAccount;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** Prints a {@link StoredAccount} (which holds no secret values) as text or JSON. Stateless. */
final class AccountView {
  private AccountView() {
  }

  static String status(StoredAccount a) {
    return a.health().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static ObjectNode json(StoredAccount a) {
    ObjectNode n = JsonOutput.object();
    n.put("address", a.address());
    n.put("app", a.appName());
    n.put("grant", a.kind().name().toLowerCase(Locale.ROOT));
    n.put("status", a.health().name().toLowerCase(Locale.ROOT));
    JsonOutput.put(n, "subject", a.subject());
    n.putPOJO("granted_scopes", a.grantedScopes());
    JsonOutput.put(n, "last_refresh", a.lastRefresh());
    JsonOutput.put(n, "access_token_expires_at", a.accessTokenExpiresAt());
    n.put("has_access_token", a.hasAccessToken());
    n.put("access_token_expiry_known", a.accessTokenExpiresAt().isPresent());
    JsonOutput.put(n, "access_token_assumed_expires_at", a.assumedAccessTokenExpiry());
    JsonOutput.put(n, "last_error", a.lastError());
    n.put("has_refresh_token", a.hasRefreshToken());
    n.put("transport", a.transport().orElse("smtp"));
    n.put("created_at", a.createdAt().toString());
    n.put("updated_at", a.updatedAt().toString());
    n.put("version", a.version());
    return n;
  }

  /** The access token's expiry in words: the provider's, the assumed one when it said none, or why there is none. */
  static String expiry(StoredAccount a) {
    if (a.accessTokenExpiresAt().isPresent()) {
      return a.accessTokenExpiresAt().get().toString();
    }
    if (!a.hasAccessToken()) {
      return "no access token";
    }
    if (a.kind() == GrantKind.FIXED_TOKEN) {
      return "unknown (a fixed token is used until the server rejects it)";
    }
    return "unknown (the provider sent no usable expires_in; treated as expiring at "
        + a.assumedAccessTokenExpiry().map(Object::toString).orElse("?") + ", "
        + TokenResponse.ASSUMED_LIFETIME.toMinutes() + " min after it was fetched)";
  }

  /** How refreshing stands across processes: only what is not the quiet default. */
  static ObjectNode json(RefreshState r) {
    ObjectNode n = JsonOutput.object();
    JsonOutput.put(n, "in_flight_since", r.claimedAt());
    JsonOutput.put(n, "in_flight_owner", r.claimOwner());
    JsonOutput.put(n, "in_flight_lease_until", r.leaseUntil());
    JsonOutput.put(n, "interrupted_at", r.interruptedAt());
    n.put("failures", r.failures());
    JsonOutput.put(n, "next_attempt_at", r.nextAttemptAt());
    return n;
  }

  /** The refresh lines of {@code accounts show}: a refresh in flight, one interrupted, the shared backoff. */
  static void refresh(RefreshState r, Instant now, PrintWriter out) {
    if (r.refreshingAt(now)) {
      out.println("refreshing:     since " + r.claimedAt().orElseThrow() + " by " + r.claimOwner().orElse("?")
          + " (lease until " + r.leaseUntil().orElseThrow() + ")");
    } else if (r.abandonedAt(now)) {
      out.println("refreshing:     a refresh sent at " + r.claimedAt().orElseThrow() + " by "
          + r.claimOwner().orElse("?") + " never finished (its lease ran out at " + r.leaseUntil().orElseThrow() + ")");
    }
    r.interruptedAt().ifPresent(t -> out.println("interrupted:    a refresh sent at " + t + " never got its answer"
        + " stored (process crash or timeout); outcome unknown until the next refresh"));
    if (r.failures() > 0) {
      out.println("failures:       " + r.failures() + " in a row");
    }
    r.nextAttemptAt().ifPresent(t -> out.println("next attempt:   not before " + t + (t.isAfter(now)
        ? " (backoff or the provider's Retry-After; every process waits)" : "")));
  }

  static void details(StoredAccount a, PrintWriter out) {
    out.println("account:        " + a.address());
    out.println("app:            " + a.appName());
    out.println("grant:          " + a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + a.subject().map(s -> " (subject " + s + ")").orElse(""));
    out.println("status:         " + status(a));
    out.println("refresh token:  " + (a.hasRefreshToken() ? "stored (encrypted)" : "none"));
    out.println("granted scopes: " + String.join(" ", a.grantedScopes()));
    out.println("last refresh:   " + a.lastRefresh().map(Object::toString).orElse("never"));
    out.println("token expires:  " + expiry(a));
    out.println("transport:      " + a.transport().orElse("smtp") + (a.transport().isEmpty() ? " (default)" : ""));
    a.lastError().ifPresent(e -> out.println("last error:     " + e));
    out.println("created:        " + a.createdAt());
    out.println("updated:        " + a.updatedAt() + " (version " + a.version() + ")");
  }
}
