package dev.mailtoken.server.web;

import dev.mailtoken.MailtokenException;
import java.util.Optional;

/**
 * Turns the session cookie a browser sent into a {@link WebSession}: implemented by the login
 * feature, called by {@link Access} for the pages. Implementations are thread-safe, fast (an
 * indexed read) and never log the cookie.
 */
@FunctionalInterface
public interface SessionAuthenticator {
  /** Knows no sessions: every page that needs a login sends the browser to the login page. */
  SessionAuthenticator NONE = cookie -> Optional.empty();

  /** The session for {@code cookieValue}, or empty when it is unknown, ended or timed out. */
  Optional<WebSession> session(String cookieValue) throws MailtokenException;
}
