package dev.mailtoken.internal.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The one policy for requests that carry a credential (token, revocation, userinfo, device
 * authorization, the discovery that precedes them, the Gmail API, Graph): https, except plain
 * http to a loopback host; never a redirect. Stateless and thread-safe.
 *
 * <p>The loopback check reads the URI's text only and never resolves a name: a DNS answer could be
 * spoofed into "loopback", and a refused request must not reach the network at all.
 */
public final class HttpPolicy {
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

  private HttpPolicy() {
  }

  /**
   * True for the loopback literals 127.0.0.0/8 and ::1 (with or without brackets), and for the
   * name {@code localhost}, which the JDK and every OS map to loopback without asking DNS. Never
   * resolves anything.
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || isIpv6Loopback(h);
  }

  private static boolean isIpv6Loopback(String h) {
    if (!IPV6_LITERAL.matcher(h).matches()) {
      return false;
    }
    try {
      // In brackets the JDK parses an IPv6 literal or fails; it never falls back to a DNS lookup.
      return InetAddress.getByName("[" + h + "]").isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** True when a credential may be sent to {@code uri}: https with a host, or http to a loopback host. */
  public static boolean allowsCredentials(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      return false;
    }
    return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
  }

  /** The rule, for refusal messages: "credentials may only travel over https (…)". */
  public static String rule() {
    return "credentials may only travel over https (plain http is allowed only for loopback test servers:"
        + " 127.0.0.1, [::1], localhost)";
  }

  /** A client for credential-carrying requests: no redirects, the given connect timeout. */
  public static HttpClient newClient(Duration connectTimeout) {
    return newClient(connectTimeout, null);
  }

  /**
   * A client for credential-carrying requests: no redirects, the given connect timeout, and the
   * TLS context whose trust decides which servers are believed ({@code null}: the JDK default).
   */
  public static HttpClient newClient(Duration connectTimeout, SSLContext sslContext) {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout);
    if (sslContext != null) {
      b.sslContext(sslContext);
    }
    return b.build();
  }

  /**
   * {@code client}, once checked not to follow redirects: a redirected request could carry its
   * credentials to another host.
   *
   * @throws IllegalArgumentException when it follows redirects
   */
  public static HttpClient requireNoRedirects(HttpClient client) {
    Objects.requireNonNull(client, "client");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the HttpClient follows redirects (" + client.followRedirects()
          + "); requests that carry credentials must not be redirected: build it with"
          + " followRedirects(HttpClient.Redirect.NEVER)");
    }
    return client;
  }
}
