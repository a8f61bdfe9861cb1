package dev.mailtoken.server.web;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that ends in a problem the handler chose: bad input, not found, wrong scope. Thrown
 * by handlers and facades' callers in the web layer; the {@link ErrorMapper} renders it. Its
 * message must never hold a secret. Immutable.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final transient List<FieldError> errors;
  private final transient Duration retryAfter;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  public ApiException(ProblemType type, String detail, List<FieldError> errors, Duration retryAfter) {
    super(Objects.requireNonNull(detail, "detail"));
    this.type = Objects.requireNonNull(type, "type");
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  /** Invalid input with the fields at fault. */
  public static ApiException invalid(String detail, List<FieldError> errors) {
    return new ApiException(ProblemType.VALIDATION, detail, errors, null);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(ProblemType.NOT_FOUND, detail);
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
