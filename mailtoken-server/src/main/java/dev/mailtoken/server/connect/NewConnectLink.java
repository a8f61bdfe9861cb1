package dev.mailtoken.server.connect;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What to create: also the JSON body of {@code POST /v1/connect-links}. Every field is optional.
 *
 * @param app the app to connect with; absent: the person picks one of the apps that can connect
 *     a mailbox on the web
 * @param expectedMailbox the mailbox that must consent (sent as {@code login_hint}); another one
 *     fails closed: its fresh grant is revoked and nothing is stored
 * @param returnUrl where the browser goes after a successful connection, with {@code account}
 *     and {@code status} added to its query; must start with one of {@code connect.return-urls}
 * @param ttl how long the link stays valid (ISO-8601, e.g. {@code PT30M}); absent: {@code connect.link-ttl}
 */
public record NewConnectLink(Optional<String> app, Optional<String> expectedMailbox, Optional<String> returnUrl,
    Optional<Duration> ttl) {
  /** The longest a link may live. */
  public static final Duration MAX_TTL = Duration.ofDays(7);
  /** The shortest a link may live. */
  public static final Duration MIN_TTL = Duration.ofMinutes(1);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a value is malformed or out of range
   */
  public NewConnectLink {
    app = app == null ? Optional.empty() : app;
    expectedMailbox = expectedMailbox == null ? Optional.empty() : expectedMailbox;
    returnUrl = returnUrl == null ? Optional.empty() : returnUrl;
    ttl = ttl == null ? Optional.empty() : ttl;
    if (app.isPresent() && (app.get().isBlank() || app.get().length() > 200)) {
      throw new IllegalArgumentException("app must be an app name: 1 to 200 characters");
    }
    if (expectedMailbox.isPresent() && !isAddress(expectedMailbox.get())) {
      throw new IllegalArgumentException("expectedMailbox must be a mail address such as alice@example.com");
    }
    if (returnUrl.isPresent() && !isWebUrl(returnUrl.get())) {
      throw new IllegalArgumentException("returnUrl must be an absolute http:// or https:// URL without a fragment");
    }
    if (ttl.isPresent() && (ttl.get().compareTo(MIN_TTL) < 0 || ttl.get().compareTo(MAX_TTL) > 0)) {
      throw new IllegalArgumentException("ttl must be from PT1M to P7D (ISO-8601), was " + ttl.get());
    }
  }

  /** A link with every field left to its default. */
  public static NewConnectLink defaults() {
    return new NewConnectLink(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static boolean isAddress(String s) {
    int at = s.indexOf('@');
    return s.length() <= 320 && at > 0 && at == s.lastIndexOf('@') && at < s.length() - 1
        && s.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }

  static boolean isWebUrl(String s) {
    if (s.length() > 2000) {
      return false;
    }
    try {
      URI u = new URI(s);
      return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          && u.getHost() != null && u.getRawFragment() == null && u.getRawUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
