package dev.mailtoken.server.web;

/**
 * The kinds of RFC 9457 problems the server answers with. Each has a stable {@code type} URI,
 * {@code /problems/<slug>} on the server (documented in the server README, and served as a short
 * text page), a status and a title.
 */
public enum ProblemType {
  BAD_REQUEST(400, "bad-request", "The request is malformed"),
  INVALID_JSON(400, "invalid-json", "The body is not valid JSON"),
  VALIDATION(422, "validation", "The input is not valid"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Not allowed"),
  CSRF(403, "csrf", "Missing or wrong CSRF token"),
  NOT_FOUND(404, "not-found", "No such resource"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  CONFLICT(409, "conflict", "Conflicts with the current state"),
  REAUTHORIZATION_REQUIRED(409, "reauthorization-required", "The account must be authorized again"),
  TOO_LARGE(413, "too-large", "The body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
  CONFIGURATION(422, "configuration", "Configuration problem"),
  TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
  FAILED(500, "failed", "Failed; retrying the same request will not help"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "Temporarily unavailable");

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** The last segment of the type URI. */
  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  /** The {@code type} member: {@code /problems/<slug>}, resolved against the server's URL. */
  public String typeUri() {
    return "/problems/" + slug;
  }
}
