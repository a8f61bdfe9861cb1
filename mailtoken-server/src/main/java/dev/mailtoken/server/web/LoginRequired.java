package dev.mailtoken.server.web;

/**
 * A page needs a logged-in session and the browser has none (or it ended): the
 * {@link ErrorMapper} sends the browser to the login page, which comes back to {@code next}.
 */
final class LoginRequired extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String next;

  LoginRequired(String next) {
    super("log in first", null, false, false);
    this.next = next;
  }

  String next() {
    return next;
  }
}
