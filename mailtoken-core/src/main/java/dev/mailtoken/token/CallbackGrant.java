package dev.mailtoken.token;

import java.util.Objects;

/**
 * Tokens come from application code: the equivalent of Nodemailer's provisioning callback.
 *
 * @param callback called (never concurrently for one account) whenever a new token is needed
 */
public record CallbackGrant(TokenCallback callback) implements Grant {

  public CallbackGrant {
    Objects.requireNonNull(callback, "callback");
  }

  @Override
  public String toString() {
    return "CallbackGrant[" + callback.getClass().getName() + "]";
  }
}
