package dev.mailtoken.server.login;

import dev.mailtoken.Secret;
import dev.mailtoken.server.web.WebSession;
import java.time.Duration;
import java.util.Objects;

/** What {@link Logins#login} decided. */
public sealed interface LoginOutcome {
  /**
   * Logged in.
   *
   * @param cookie the session cookie's value: given to the browser once, stored only as a hash
   */
  record Succeeded(Secret cookie, WebSession session) implements LoginOutcome {
    public Succeeded {
      Objects.requireNonNull(cookie, "cookie");
      Objects.requireNonNull(session, "session");
    }
  }

  /** Neither the admin password nor an active admin API token. */
  record Refused() implements LoginOutcome {
  }

  /** Too many failures from this client address: not even checked; try again after {@code retryAfter}. */
  record Throttled(Duration retryAfter) implements LoginOutcome {
    public Throttled {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
