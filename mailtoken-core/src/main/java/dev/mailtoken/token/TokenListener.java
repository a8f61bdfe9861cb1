package dev.mailtoken.token;

/**
 * Receives {@link TokenEvent}s after the change they describe is committed, outside any lock,
 * on the manager's listener executor.
 *
 * <p>Must be fast, must not throw and must not block on the manager. One that throws is caught,
 * logged at WARN with its class, and the other listeners still run.
 */
@FunctionalInterface
public interface TokenListener {

  /** Does nothing: the default. */
  TokenListener NONE = event -> { };

  void onEvent(TokenEvent event);
}
