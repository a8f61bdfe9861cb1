package dev.mailtoken.testkit;

/**
 * Thrown by a handler to answer with an error {@link Reply}; it unwinds the checks of one request
 * without a chain of early returns. Carries no stack trace (it is control flow, not a failure).
 */
final class Rejection extends RuntimeException {
  private final transient Reply reply;

  Rejection(Reply reply) {
    super(null, null, false, false);
    this.reply = reply;
  }

  Reply reply() {
    return reply;
  }
}
