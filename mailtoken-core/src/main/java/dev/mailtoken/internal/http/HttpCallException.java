package dev.mailtoken.internal.http;

import java.net.URI;
import java.util.Objects;

/**
 * Why {@link CredentialHttp#send} got no answer to read. Each caller turns it into the typed
 * {@code MailtokenException} its users act on, in its own words. The message names the URI and
 * the kind only, never a header or body.
 */
public final class HttpCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Refused before sending: not https, and not plain http to loopback ({@link HttpPolicy}). */
    INSECURE_TRANSPORT,
    /** No complete answer within the request timeout (connect, headers or body). */
    TIMEOUT,
    /** The body grew past the size cap; {@link #status()} is the answer's status. */
    TOO_LARGE,
    /** Connection refused or reset, TLS failure, or another I/O error. */
    IO_FAILURE,
    /** The calling thread was interrupted (its interrupt flag is set again). */
    INTERRUPTED
  }

  private final Kind kind;
  private final URI uri;
  private final int status;
  private final long elapsedMillis;

  HttpCallException(Kind kind, URI uri, int status, long elapsedMillis, Throwable cause) {
    super(kind + " " + uri + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.uri = uri;
    this.status = status;
    this.elapsedMillis = elapsedMillis;
  }

  public Kind kind() {
    return kind;
  }

  public URI uri() {
    return uri;
  }

  /** The HTTP status, when an answer's headers arrived ({@link Kind#TOO_LARGE}); -1 otherwise. */
  public int status() {
    return status;
  }

  /** Time from sending to the failure. */
  public long elapsedMillis() {
    return elapsedMillis;
  }

  /** A short phrase for messages: "ConnectException: Connection refused". */
  public String causeSummary() {
    Throwable c = getCause();
    if (c == null) {
      return kind.name();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
