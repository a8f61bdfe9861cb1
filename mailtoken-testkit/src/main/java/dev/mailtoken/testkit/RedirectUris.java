package dev.mailtoken.testkit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Redirect-URI matching: exact string match, plus the loopback exceptions each provider makes
 * (Google desktop clients: any loopback URI on any port; RFC 8252: registered loopback-IP URIs
 * match on any port; Microsoft: registered {@code localhost} URIs match on any port, {@code [::1]} never).
 */
final class RedirectUris {
  private RedirectUris() {}

  static boolean allowed(EmulatorMode mode, ClientRegistration client, String requested) {
    if (client.redirectUris().contains(requested)) {
      return true;
    }
    URI uri = parse(requested);
    if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      return false;
    }
    if (client.type() == ClientType.DESKTOP && mode != EmulatorMode.MICROSOFT && isLoopback(uri.getHost())) {
      return true;
    }
    for (String registered : client.redirectUris()) {
      URI reg = parse(registered);
      if (reg != null && portFree(mode, reg) && sameExceptPort(reg, uri)) {
        return true;
      }
    }
    return false;
  }

  private static boolean portFree(EmulatorMode mode, URI registered) {
    if (!"http".equals(registered.getScheme()) || registered.getHost() == null) {
      return false;
    }
    String host = registered.getHost().toLowerCase(Locale.ROOT);
    return switch (mode) {
      case MICROSOFT -> host.equals("localhost");
      case GENERIC -> host.equals("127.0.0.1") || host.equals("[::1]");
      case GOOGLE -> false;
    };
  }

  private static boolean sameExceptPort(URI a, URI b) {
    return a.getHost().equalsIgnoreCase(b.getHost()) && Objects.equals(a.getRawPath(), b.getRawPath())
        && Objects.equals(a.getRawQuery(), b.getRawQuery());
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("localhost");
  }

  private static URI parse(String uri) {
    try {
      return new URI(uri);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
