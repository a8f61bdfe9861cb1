package dev.mailtoken.server.connect;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How connect links behave; built by {@code MailtokenServer} from its configuration.
 *
 * @param publicUrl where browsers and providers reach this server (the {@code public-url} setting,
 *     else the listening URL): connect URLs and the OAuth redirect URI {@code <publicUrl>/connect/callback}
 *     are made from it. A supplier, as the port is known only once the server listens.
 * @param returnUrls the allow-list ({@code connect.return-urls}): a link's return URL must have the
 *     same scheme, host and port as one of them and a path under its path
 * @param defaultTtl how long a link lives when its creator names no ttl ({@code connect.link-ttl})
 */
public record ConnectSettings(Supplier<URI> publicUrl, List<URI> returnUrls, Duration defaultTtl) {
  public ConnectSettings {
    Objects.requireNonNull(publicUrl, "publicUrl");
    returnUrls = List.copyOf(returnUrls);
    Objects.requireNonNull(defaultTtl, "defaultTtl");
    if (defaultTtl.compareTo(NewConnectLink.MIN_TTL) < 0 || defaultTtl.compareTo(NewConnectLink.MAX_TTL) > 0) {
      throw new IllegalArgumentException("connect.link-ttl must be from 1m to 168h, was " + defaultTtl);
    }
  }
}
