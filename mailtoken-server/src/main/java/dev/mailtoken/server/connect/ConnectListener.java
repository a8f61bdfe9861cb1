package dev.mailtoken.server.connect;

/**
 * Told when a mailbox was connected through a connect link (webhooks subscribe here). Called
 * after the account is stored and the audit entry written, on the thread that handled the
 * browser's return from the provider, outside any lock. Implementations must be fast (queue
 * work, do not send it), must not throw (an exception is caught and logged at WARN with the
 * listener's class, and the person still sees the success page) and must not call back into
 * {@link ConnectLinks}.
 */
@FunctionalInterface
public interface ConnectListener {
  /** Does nothing: the default. */
  ConnectListener NONE = event -> { };

  void onConnected(AccountConnected event);
}
