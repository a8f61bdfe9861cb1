package dev.mailtoken.oauth;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;

/**
 * The server answered with something that is not a valid OAuth2 response: an HTML page, a
 * truncated or oversized body, JSON without {@code access_token}, an unexpected redirect.
 *
 * <p>{@link #httpStatus()} and a short {@link #excerpt()} of the body help diagnose it; the
 * excerpt has anything that looks like a token replaced by {@code <redacted>}.
 *
 * <p>Classification: a 5xx, 408 or 429 answer is reported as a {@link TransientException} whatever
 * its body (with this exception as the cause), so this type itself is thrown for other statuses.
 * It is {@linkplain #isTransient() transient} only when the body was cut short (truncated JSON,
 * a reset while reading), because a retry usually gets a whole answer; a well-formed but wrong
 * answer (HTML login page from a proxy, missing fields) will not fix itself.
 */
public class InvalidResponseException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String excerpt;
  private final boolean truncated;

  public InvalidResponseException(String message, String account, int httpStatus, String excerpt, boolean truncated, Throwable cause) {
    super(message, account, null, cause);
    this.httpStatus = httpStatus;
    this.excerpt = excerpt == null ? "" : excerpt;
    this.truncated = truncated;
  }

  /** The HTTP status of the answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The first characters of the body, with token-like values redacted. */
  public String excerpt() {
    return excerpt;
  }

  @Override
  public boolean isTransient() {
    return truncated;
  }
}
