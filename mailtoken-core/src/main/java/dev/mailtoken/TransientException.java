package dev.mailtoken;

import dev.mailtoken.MailtokenException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass: HTTP 5xx, 408, 429 (with {@code Retry-After}),
 * {@code temporarily_unavailable}, {@code server_error}, network failures and timeouts.
 * {@link #retryAfter()} carries the server's {@code Retry-After} when it sent one.
 */
public class TransientException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public TransientException(String message, String account, OAuthError oauthError, Duration retryAfter, Throwable cause) {
    super(message, account, oauthError, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked us to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
