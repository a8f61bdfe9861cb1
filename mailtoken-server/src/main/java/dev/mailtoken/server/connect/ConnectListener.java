package dev.mailtoken.server.connect;

/**
 * Told when a mailbox was connected through a connect link. The server's own listener hands the
 * account to the account feature (registered for refresh at once, its {@code account.connected}
 * event and audit line written); webhooks can subscribe there or here. Called after the account
 * is stored and the link marked used, on the thread that handled the browser's return from the
 * provider, before its page is sent, outside any lock. Implementations must be quick (a few
 * database writes at most; queue anything slower), must not throw (an exception is caught and
 * logged at WARN with the listener's class, and the person still sees the success page) and must
 * not call back into {@link ConnectLinks}.
 */
@FunctionalInterface
public interface ConnectListener {
  /** Does nothing: the default. */
  ConnectListener NONE = event -> { };

  void onConnected(AccountConnected event);
}
