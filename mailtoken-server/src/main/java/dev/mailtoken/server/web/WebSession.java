package dev.mailtoken.server.web;

import java.util.Objects;

/**
 * A logged-in browser: who it is and the CSRF token its forms must carry. Found by a
 * {@link SessionAuthenticator} from the session cookie; handlers get it from
 * {@link Access#requireLogin} or {@link Access#requireForm}. Never holds the cookie value.
 *
 * @param id the session's public id (its cookie value is secret and stored only as a hash)
 * @param principal what it may do; its id is {@code session:<id>}, the actor in the audit log
 * @param csrfToken the hidden field every state-changing form of this session sends
 *     ({@link Csrf#FIELD}); derived from the cookie value, so another site cannot know it
 */
public record WebSession(String id, Principal principal, String csrfToken) {
  /** The session cookie's name. */
  public static final String COOKIE = "mailtoken_session";

  public WebSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(csrfToken, "csrfToken");
  }

  @Override
  public String toString() {
    return "WebSession[" + id + "]";
  }
}
