package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
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

  /** A new access token was obtained and cached. */
  record Issued(String account, Instant at, AccessToken token) implements TokenEvent {
    public Issued {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(token, "token");
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
  }

  /**
   * A refresh failed and will be retried; a still-valid token keeps being served meanwhile.
   *
   * @param nextRetry when the manager will try again in the background
   */
  record RefreshFailed(String account, Instant at, MailtokenException error, Instant nextRetry)
      implements TokenEvent {
    public RefreshFailed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(nextRetry, "nextRetry");
    }
  }

  /**
   * The grant is dead ({@code invalid_grant}, or a fixed token that cannot be renewed). No
   * further refresh is attempted until the account is registered again.
   */
  record ReauthorizationRequired(String account, Instant at, MailtokenException error) implements TokenEvent {
    public ReauthorizationRequired {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
    }
  }
}
