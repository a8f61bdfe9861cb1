package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to an account's tokens. Closed set; branch with {@code instanceof}.
 * Every event prints safely: tokens show as fingerprints.
 *
 * <p>Events about one access token ({@link Issued}, {@link RefreshFailed},
 * {@link ReauthorizationRequired}) name the scope set it was asked for
 * ({@link TokenManager#token(String, List)}): empty for the account's own token. The refresh token
 * is the account's, shared by all its scope sets, so {@link Rotated} names none.
 */
public sealed interface TokenEvent {

  /** The account (mailbox address) concerned. */
  String account();

  /** When it happened, by the manager's clock. */
  Instant at();

  /**
   * How long the token request behind this event took, from its start to the commit of its
   * outcome, by the manager's clock (zero for {@link Rotated}, which is part of an
   * {@link Issued}'s request, and never negative): what a refresh-latency metric measures.
   */
  Duration elapsed();

  /**
   * A new access token was obtained and cached.
   *
   * @param scopes the scope set it was asked for; empty for the account's own token
   * @param renewedAfter when this token replaces one a mail server refused
   *     ({@link TokenManager#renew(String, List, AccessToken, Rejection)}): what the server said,
   *     e.g. Gmail's decoded {@code 334} challenge
   * @param elapsed how long the token request took
   */
  record Issued(String account, Instant at, AccessToken token, List<String> scopes, Optional<Rejection> renewedAfter,
      Duration elapsed) implements TokenEvent {
    public Issued {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(token, "token");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(renewedAfter, "renewedAfter");
      elapsed = nonNegative(elapsed);
    }

    /** The account's own token, not a renewal after a rejection, obtained in {@code elapsed}. */
    public Issued(String account, Instant at, AccessToken token, Duration elapsed) {
      this(account, at, token, List.of(), Optional.empty(), elapsed);
    }
  }

  /**
   * The provider rotated the refresh token and the new one was saved by the
   * {@link RefreshTokenStore}.
   *
   * @param refreshTokenFingerprint the new refresh token's fingerprint (never its value)
   */
  record Rotated(String account, Instant at, String refreshTokenFingerprint) implements TokenEvent {
    public Rotated {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(refreshTokenFingerprint, "refreshTokenFingerprint");
    }

    /** Zero: the rotation is part of the request its {@link Issued} event times. */
    @Override
    public Duration elapsed() {
      return Duration.ZERO;
    }
  }

  /**
   * A refresh failed and will be retried; a still-valid token keeps being served meanwhile.
   *
   * @param nextRetry when the manager will try again in the background
   * @param scopes the scope set the token was asked for; empty for the account's own token
   * @param elapsed how long the failed token request took
   */
  record RefreshFailed(String account, Instant at, MailtokenException error, Instant nextRetry, List<String> scopes,
      Duration elapsed) implements TokenEvent {
    public RefreshFailed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(nextRetry, "nextRetry");
      scopes = List.copyOf(scopes);
      elapsed = nonNegative(elapsed);
    }

    /** A failure of the account's own token, after {@code elapsed}. */
    public RefreshFailed(String account, Instant at, MailtokenException error, Instant nextRetry, Duration elapsed) {
      this(account, at, error, nextRetry, List.of(), elapsed);
    }
  }

  /**
   * The grant is dead ({@code invalid_grant}, or a fixed token that cannot be renewed). No
   * further refresh is attempted until the account is registered again. For a scope set other
   * than the account's own ({@code scopes} not empty) it may also mean that the person never
   * consented to those scopes: the account's own token may still work.
   *
   * @param scopes the scope set the token was asked for; empty for the account's own token
   * @param elapsed how long the token request that found it took
   */
  record ReauthorizationRequired(String account, Instant at, MailtokenException error, List<String> scopes,
      Duration elapsed) implements TokenEvent {
    public ReauthorizationRequired {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      scopes = List.copyOf(scopes);
      elapsed = nonNegative(elapsed);
    }

    /** The account's own token's grant is dead (found after {@code elapsed}). */
    public ReauthorizationRequired(String account, Instant at, MailtokenException error, Duration elapsed) {
      this(account, at, error, List.of(), elapsed);
    }
  }

  /** A clock set back during a request gives zero, not a negative span. */
  private static Duration nonNegative(Duration elapsed) {
    Objects.requireNonNull(elapsed, "elapsed");
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }
}
