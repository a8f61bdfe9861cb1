package dev.mailtoken;

import dev.mailtoken.internal.ServerText;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth2 error response (RFC 6749 §5.2) as the provider sent it: {@code error},
 * {@code error_description}, {@code error_uri}, the HTTP status, and a provider sub-code when
 * there is one (Google {@code error_subtype}, Microsoft {@code suberror}).
 *
 * <p>Callers branch on {@link #error()} and {@link #subtype()}, never on the description text,
 * which providers change without notice. Every text field is stored with its control characters
 * escaped Java-style ({@code \n}, {@code \}{@code u001b}), so a description can be printed, logged and stored as
 * it is.
 *
 * @param error the {@code error} code, for example {@code invalid_grant}; never empty
 * @param description the {@code error_description}, or empty
 * @param uri the {@code error_uri}, or empty
 * @param httpStatus the HTTP status of the response (400 and 401 both carry OAuth errors)
 * @param subtype {@code error_subtype} or {@code suberror}, or empty
 */
public record OAuthError(String error, String description, String uri, int httpStatus, String subtype) {

  public OAuthError {
    Objects.requireNonNull(error, "error");
    if (error.isBlank()) {
      throw new IllegalArgumentException("error must not be blank");
    }
    error = ServerText.printable(error);
    description = ServerText.printable(description);
    uri = ServerText.printable(uri);
    subtype = ServerText.printable(subtype);
  }

  public static OAuthError of(String error, String description, int httpStatus) {
    return new OAuthError(error, description, "", httpStatus, "");
  }

  public Optional<String> subtypeIfPresent() {
    return subtype.isEmpty() ? Optional.empty() : Optional.of(subtype);
  }

  /** "invalid_grant (HTTP 400): Token has been expired or revoked." */
  public String summary() {
    StringBuilder s = new StringBuilder(error);
    if (!subtype.isEmpty()) {
      s.append('/').append(subtype);
    }
    s.append(" (HTTP ").append(httpStatus).append(')');
    if (!description.isEmpty()) {
      s.append(": ").append(description);
    }
    return s.toString();
  }
}
