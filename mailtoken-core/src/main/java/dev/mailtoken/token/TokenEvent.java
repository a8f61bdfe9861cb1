package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an account's tokens. Closed set; branch with {@code instanceof}.
 * Every event prints safely: tokens show as fingerprints.
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

  /** A new access token was obtained and cached. */
  record Issued(String account, Instant at, AccessToken token, Duration elapsed) implements TokenEvent {
    public Issued {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(token, "token");
      elapsed = nonNegative(elapsed);
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
   */
  record RefreshFailed(String account, Instant at, MailtokenException error, Instant nextRetry, Duration elapsed)
      implements TokenEvent {
    public RefreshFailed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(nextRetry, "nextRetry");
      elapsed = nonNegative(elapsed);
    }
  }

  /**
   * The grant is dead ({@code invalid_grant}, or a fixed token that cannot be renewed). No
   * further refresh is attempted until the account is registered again.
   */
  record ReauthorizationRequired(String account, Instant at, MailtokenException error, Duration elapsed)
      implements TokenEvent {
    public ReauthorizationRequired {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      elapsed = nonNegative(elapsed);
    }
  }

  /** A clock set back during a request gives zero, not a negative span. */
  private static Duration nonNegative(Duration elapsed) {
    Objects.requireNonNull(elapsed, "elapsed");
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }
}
