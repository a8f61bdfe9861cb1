package dev.mailtoken.server.connect;

import java.util.Objects;
import java.util.Optional;

/** A link row: the public record plus the hash of the browser session it is bound to, once opened. */
record StoredLink(ConnectLink link, Optional<String> sessionHash) {
  StoredLink {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(sessionHash, "sessionHash");
  }
}
