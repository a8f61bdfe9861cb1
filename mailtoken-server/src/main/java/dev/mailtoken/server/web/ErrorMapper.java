package dev.mailtoken.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.TransientException;
import dev.mailtoken.store.ConcurrentEditException;
import dev.mailtoken.store.DuplicateEntryException;
import dev.mailtoken.store.NoSuchEntryException;
import dev.mailtoken.token.UnknownAccountException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become RFC 9457 {@code application/problem+json} answers (or,
 * for a browser asking for a page, the same status, title and detail as an HTML page; a page that
 * needs a login redirects to {@code /login}). The
 * table below maps exception types to problem types, first match wins (the CLI's
 * {@code ErrorReporter} maps the same types to exit codes); any other {@link MailtokenException}
 * is 503 {@code unavailable} when it is transient and 500 {@code failed} when retrying will not help. Messages of
 * {@link MailtokenException}s never hold secrets (core's rule) and are shown as the detail; any
 * other exception is a bug: logged with an id, answered 500 with that id only. Thread-safe.
 */
final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  static final String PROBLEM_JSON = "application/problem+json";

  private record Rule(Class<? extends Exception> type, ProblemType problem) { }

  /** Exception type → problem type; the first rule whose type matches wins, so subtypes come first. */
  private static final List<Rule> TABLE = List.of(
      new Rule(NoSuchEntryException.class, ProblemType.NOT_FOUND),
      new Rule(UnknownAccountException.class, ProblemType.NOT_FOUND),
      new Rule(DuplicateEntryException.class, ProblemType.CONFLICT),
      new Rule(ConcurrentEditException.class, ProblemType.CONFLICT),
      new Rule(ReauthorizationRequiredException.class, ProblemType.REAUTHORIZATION_REQUIRED),
      new Rule(ConfigurationException.class, ProblemType.CONFIGURATION),
      new Rule(IllegalArgumentException.class, ProblemType.VALIDATION));

  private static final Map<Integer, ProblemType> JAVALIN_STATUSES = Map.of(
      404, ProblemType.NOT_FOUND, 405, ProblemType.METHOD_NOT_ALLOWED, 413, ProblemType.TOO_LARGE,
      400, ProblemType.BAD_REQUEST, 401, ProblemType.UNAUTHORIZED, 403, ProblemType.FORBIDDEN);

  private final ObjectMapper json;
  private final Pages pages;

  ErrorMapper(ObjectMapper json, Pages pages) {
    this.json = json;
    this.pages = pages;
  }

  void handle(Exception e, Context ctx) {
    if (e instanceof LoginRequired login) {
      String next = login.next().isEmpty() || login.next().equals("/") ? "" : "?next="
          + URLEncoder.encode(login.next(), StandardCharsets.UTF_8);
      ctx.redirect("/login" + next, HttpStatus.SEE_OTHER);
      return;
    }
    if (e instanceof ApiException api) {
      render(ctx, api.type(), api.getMessage(), api.errors(), api.retryAfter());
      return;
    }
    if (e instanceof HttpResponseException h) {
      ProblemType type = JAVALIN_STATUSES.getOrDefault(h.getStatus(), ProblemType.BAD_REQUEST);
      render(ctx, type, javalinDetail(type, h), List.of(), Optional.empty());
      return;
    }
    Optional<ProblemType> problem = problemFor(e);
    if (problem.isPresent()) {
      Optional<Duration> retry = e instanceof TransientException t ? t.retryAfter() : Optional.empty();
      if (problem.get() == ProblemType.UNAVAILABLE || problem.get() == ProblemType.FAILED) {
        LOG.warn("{} {} answered {}: {}", ctx.method(), ctx.path(), problem.get().status(), e.getMessage());
      }
      render(ctx, problem.get(), e.getMessage(), List.of(), retry);
      return;
    }
    String id = UUID.randomUUID().toString();
    LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
    render(ctx, ProblemType.INTERNAL, "An unexpected error occurred (id " + id + "); it was logged.", List.of(),
        Optional.empty());
  }

  /**
   * The table's problem type for {@code e}; else, for any other {@link MailtokenException}, 503
   * when retrying later may succeed ({@link MailtokenException#isTransient()}) and 500
   * {@code failed} (with the exception's message, which says what to do) when it will not; empty
   * for a bug.
   */
  private static Optional<ProblemType> problemFor(Exception e) {
    for (Rule rule : TABLE) {
      if (rule.type().isInstance(e)) {
        return Optional.of(rule.problem());
      }
    }
    if (e instanceof MailtokenException m) {
      return Optional.of(m.isTransient() ? ProblemType.UNAVAILABLE : ProblemType.FAILED);
    }
    return Optional.empty();
  }

  /**
   * A request a person's browser made for a page, answered with an HTML page: anything outside
   * the API, health and problem paths whose {@code Accept} header takes HTML.
   */
  private static boolean isPage(Context ctx) {
    String path = ctx.path();
    String accept = ctx.header("Accept");
    return !path.startsWith("/v1/") && !path.startsWith("/health/") && !path.startsWith("/problems/")
        && !path.equals("/metrics") && accept != null && accept.contains("text/html");
  }

  private static String javalinDetail(ProblemType type, HttpResponseException h) {
    switch (type) {
      case NOT_FOUND:
        return "There is no such endpoint; the API is described at /v1/openapi.json.";
      case METHOD_NOT_ALLOWED:
        return "This endpoint does not accept that method.";
      case TOO_LARGE:
        return "The request body is larger than the server accepts (max-body-size).";
      default:
        return h.getMessage();
    }
  }

  void render(Context ctx, ProblemType type, String detail, List<FieldError> errors, Optional<Duration> retryAfter) {
    if (isPage(ctx)) {
      retryAfter.ifPresent(r -> ctx.header("Retry-After", Long.toString(Math.max(1, r.toSeconds()))));
      pages.render(ctx, "error.jte", Map.of("status", type.status(), "title", type.title(), "detail",
          detail == null ? type.title() : detail));
      ctx.status(type.status());
      return;
    }
    ObjectNode body = json.createObjectNode();
    body.put("type", type.typeUri());
    body.put("title", type.title());
    body.put("status", type.status());
    body.put("detail", detail == null ? type.title() : detail);
    body.put("instance", ctx.path());
    if (!errors.isEmpty()) {
      ArrayNode list = body.putArray("errors");
      errors.forEach(f -> list.addObject().put("field", f.field()).put("message", f.message()));
    }
    retryAfter.ifPresent(r -> ctx.header("Retry-After", Long.toString(Math.max(1, r.toSeconds()))));
    if (type == ProblemType.UNAUTHORIZED && ctx.res().getHeader("WWW-Authenticate") == null) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"mailtoken\"");
    }
    ctx.status(type.status()).contentType(PROBLEM_JSON).result(body.toString());
  }
}
