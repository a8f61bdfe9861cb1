package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.TransientException;

/** Names a refresh failure for its account: the typed exception callers and events get. Stateless. */
final class RefreshFailures {
  private RefreshFailures() {
  }

  static MailtokenException classify(String account, Throwable t) {
    if (t instanceof TokenNotRenewableException e) {
      return e;
    }
    if (t instanceof ReauthorizationRequiredException e) {
      return e.account().isPresent() ? e : new ReauthorizationRequiredException("The grant for " + account
          + " is no longer valid" + providerSays(e) + ": a person must authorize the account again (run"
          + " the consent flow), then register it again.", account, e.oauthError().orElse(null), e);
    }
    if (t instanceof TransientException e) {
      return e.account().isPresent() ? e : new TransientException("Getting a token for " + account
          + " failed temporarily" + providerSays(e) + "; it is retried with backoff.", account,
          e.oauthError().orElse(null), e.retryAfter().orElse(null), e);
    }
    if (t instanceof MailtokenException e) {
      return e;
    }
    return new TokenRefreshException("Getting a token for " + account + " failed unexpectedly ("
        + t.getClass().getName() + "); the next request tries again.", account, t);
  }

  private static String providerSays(MailtokenException e) {
    return e.oauthError().map(o -> " (" + o.summary() + ")").orElse("");
  }
}
