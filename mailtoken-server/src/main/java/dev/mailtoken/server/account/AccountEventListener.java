package dev.mailtoken.server.account;

/**
 * Receives {@link AccountEvent}s after they were recorded (once per event across all nodes: only
 * the node that recorded it calls its listeners). Must be fast and must not throw; one that
 * throws is logged at WARN and the others still run. Webhooks and metrics listen here.
 */
@FunctionalInterface
public interface AccountEventListener {
  /** Does nothing: the default. */
  AccountEventListener NONE = event -> { };

  void onEvent(AccountEvent event);
}
