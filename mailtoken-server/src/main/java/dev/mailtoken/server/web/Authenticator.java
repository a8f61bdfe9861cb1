package dev.mailtoken.server.web;

import dev.mailtoken.MailtokenException;
import java.util.Optional;

/**
 * Turns a presented bearer token into a {@link Principal}. Implemented by the API-token feature;
 * the web layer only calls it. Implementations are thread-safe and fast (a hash and an indexed
 * read).
 */
@FunctionalInterface
public interface Authenticator {
  /** Knows no tokens. */
  Authenticator NONE = token -> Optional.empty();

  /** The principal for {@code bearerToken}, or empty when it is unknown, revoked or expired. */
  Optional<Principal> authenticate(String bearerToken) throws MailtokenException;
}
