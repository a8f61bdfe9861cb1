package dev.mailtoken.oauth;

import dev.mailtoken.TransientException;
import java.time.Duration;

/**
 * The token endpoint did not answer in time (connect timeout or the whole-request timeout,
 * including a body that arrives too slowly). Transient: retry later with backoff.
 */
public class OAuthTimeoutException extends TransientException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  public OAuthTimeoutException(String message, String account, Duration timeout, Throwable cause) {
    super(message, account, null, null, cause);
    this.timeout = timeout;
  }

  /** The limit that was exceeded. */
  public Duration timeout() {
    return timeout;
  }
}
