package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
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
   * A new access token was obtained and cached.
   *
   * @param scopes the scope set it was asked for; empty for the account's own token
   * @param renewedAfter when this token replaces one a mail server refused
   *     ({@link TokenManager#renew(String, List, AccessToken, Rejection)}): what the server said,
   *     e.g. Gmail's decoded {@code 334} challenge
   */
  record Issued(String account, Instant at, AccessToken token, List<String> scopes, Optional<Rejection> renewedAfter)
      implements TokenEvent {
    public Issued {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(token, "token");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(renewedAfter, "renewedAfter");
    }

    /** The account's own token, not a renewal after a rejection. */
    public Issued(String account, Instant at, AccessToken token) {
      this(account, at, token, List.of(), Optional.empty());
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
   * @param scopes the scope set the token was asked for; empty for the account's own token
   */
  record RefreshFailed(String account, Instant at, MailtokenException error, Instant nextRetry, List<String> scopes)
      implements TokenEvent {
    public RefreshFailed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(nextRetry, "nextRetry");
      scopes = List.copyOf(scopes);
    }

    /** A failure of the account's own token. */
    public RefreshFailed(String account, Instant at, MailtokenException error, Instant nextRetry) {
      this(account, at, error, nextRetry, List.of());
    }
  }

  /**
   * The grant is dead ({@code invalid_grant}, or a fixed token that cannot be renewed). No
   * further refresh is attempted until the account is registered again. For a scope set other
   * than the account's own ({@code scopes} not empty) it may also mean that the person never
   * consented to those scopes: the account's own token may still work.
   *
   * @param scopes the scope set the token was asked for; empty for the account's own token
   */
  record ReauthorizationRequired(String account, Instant at, MailtokenException error, List<String> scopes)
      implements TokenEvent {
    public ReauthorizationRequired {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      scopes = List.copyOf(scopes);
    }

    /** The account's own token's grant is dead. */
    public ReauthorizationRequired(String account, Instant at, MailtokenException error) {
      this(account, at, error, List.of());
    }
  }
}
