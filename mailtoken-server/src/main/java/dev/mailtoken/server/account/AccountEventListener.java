package dev.mailtoken.server.account;

/**
 * Receives {@link AccountEvent}s after they were recorded (once per event across all nodes: only
 * the node that recorded it calls its listeners), and each access-token hand-out. Must be fast
 * and must not throw; one that throws is logged at WARN and the others still run. Webhooks and
 * metrics listen here.
 */
@FunctionalInterface
public interface AccountEventListener {
  /** Does nothing: the default. */
  AccountEventListener NONE = event -> { };

  void onEvent(AccountEvent event);

  /**
   * An access token of {@code account} was handed out over the API (on the request's thread,
   * after the audit line was queued). Does nothing by default.
   */
  default void tokenHandedOut(String account) {
  }
}
