package dev.mailtoken;

import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth2 error response (RFC 6749 §5.2) as the provider sent it: {@code error},
 * {@code error_description}, {@code error_uri}, the HTTP status, and a provider sub-code when
 * there is one (Google {@code error_subtype}, Microsoft {@code suberror}).
 *
 * <p>Callers branch on {@link #error()} and {@link #subtype()}, never on the description text,
 * which providers change without notice.
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
    description = description == null ? "" : description;
    uri = uri == null ? "" : uri;
    subtype = subtype == null ? "" : subtype;
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
