package dev.mailtoken.server.connect;

import dev.mailtoken.Secret;
import java.util.Objects;

/**
 * A link just created: its record and its URL, which holds the link's secret and exists only
 * here (the server keeps the secret's SHA-256). Immutable; {@code toString} shows a fingerprint
 * of the URL only.
 *
 * @param url the URL to give the person who will connect their mailbox
 */
public record CreatedConnectLink(ConnectLink link, Secret url) {
  public CreatedConnectLink {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(url, "url");
  }
}
