package dev.mailtoken.server.webhook;

import dev.mailtoken.internal.http.HttpPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which URLs a webhook may have: https to any host; plain http only to a loopback host
 * (127.0.0.0/8, [::1], localhost: no name is resolved to decide), unless
 * {@code webhooks.allow-plain-http} is true; no user info, no fragment. Checked when a webhook is
 * created and again before every POST (the setting may have changed since). Stateless.
 */
final class WebhookUrls {
  private WebhookUrls() {
  }

  /** The URL, parsed. @throws IllegalArgumentException saying what is wrong and what to do */
  static URI check(String url, boolean allowPlainHttp) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URL (at index " + e.getIndex() + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute https:// URL with a host");
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("url must not carry a user name or password; put a token in the path"
          + " or check the webhook-signature header instead");
    }
    if (u.getRawFragment() != null) {
      throw new IllegalArgumentException("url must not have a #fragment");
    }
    if (scheme.equals("http") && !allowPlainHttp && !HttpPolicy.isLoopback(u.getHost())) {
      throw new IllegalArgumentException("url must use https: plain http is allowed only to loopback (127.0.0.1,"
          + " [::1], localhost) unless the server setting webhooks.allow-plain-http is true");
    }
    return u;
  }
}
