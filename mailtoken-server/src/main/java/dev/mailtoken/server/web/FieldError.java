package dev.mailtoken.server.web;

import java.util.Objects;

/**
 * One invalid input field, listed in a problem's {@code errors} member.
 *
 * @param field a JSON pointer-like path ({@code scopes[1]}) or a parameter name
 * @param message what is wrong and what is expected
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
