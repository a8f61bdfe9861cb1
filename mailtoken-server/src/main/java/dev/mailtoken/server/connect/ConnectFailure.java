package dev.mailtoken.server.connect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connect step that ends on an error page instead of at the provider or with an account: what
 * the person reads, which HTTP status the page has, whether a "try again" button makes sense, and
 * the short code a return URL gets. Its message never holds a secret. Thrown by {@link ConnectFlow},
 * rendered by the page endpoints. Immutable.
 */
final class ConnectFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the page offers. */
  enum Retry {
    /** Nothing can be tried again with this link. */
    NONE,
    /** Go to the provider again. */
    AGAIN,
    /** Go to the provider again and ask it to show the consent screen (and so issue a refresh token). */
    FORCE_CONSENT
  }

  private final int status;
  private final String title;
  private final String code;
  private final Retry retry;
  private final transient Optional<StoredLink> link;
  private final transient Optional<String> app;
  private final transient List<String> details;

  ConnectFailure(int status, String code, String title, String message) {
    this(status, code, title, message, Retry.NONE, Optional.empty(), Optional.empty(), List.of());
  }

  private ConnectFailure(int status, String code, String title, String message, Retry retry,
      Optional<StoredLink> link, Optional<String> app, List<String> details) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.title = Objects.requireNonNull(title, "title");
    this.retry = retry;
    this.link = link;
    this.app = app;
    this.details = List.copyOf(details);
  }

  /** The same failure, offering {@code retry} with {@code app} on {@code link}. */
  ConnectFailure retry(Retry how, StoredLink on, String withApp) {
    return new ConnectFailure(status, code, title, getMessage(), how, Optional.of(on), Optional.of(withApp), details);
  }

  /** The same failure, for a known link (so the page can offer the way back to the return URL). */
  ConnectFailure on(StoredLink on) {
    return new ConnectFailure(status, code, title, getMessage(), retry, Optional.of(on), app, details);
  }

  /** The same failure with a list shown under the message (e.g. the permissions left unticked). */
  ConnectFailure details(List<String> lines) {
    return new ConnectFailure(status, code, title, getMessage(), retry, link, app, lines);
  }

  List<String> details() {
    return details;
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  /** A short code such as {@code access_denied}, added to the return URL as {@code error}. */
  String code() {
    return code;
  }

  Retry retryOffer() {
    return retry;
  }

  Optional<StoredLink> link() {
    return link;
  }

  Optional<String> app() {
    return app;
  }
}
