package dev.mailtoken.token;

import dev.mailtoken.Secret;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One account's grant and its token requests, one at a time: every scope set of the account
 * (Microsoft's SMTP and Graph tokens) is minted from the same refresh token, and a provider that
 * rotates refresh tokens may retire one the moment it answers. So a request starts only after the
 * previous one of the account ended and its rotated refresh token was saved through the
 * {@link RefreshTokenStore}; it presents the refresh token current then. A callback grant is
 * likewise never called concurrently for one account.
 *
 * <p>The lock guards only {@link #tail}; it is never held while a request is sent, the store
 * saves, or a continuation runs. A request queued behind another starts on the manager's executor.
 */
final class GrantLane {
  private final String account;
  private final ManagerConfig config;
  private volatile Grant grant;
  /**
   * The tail of a lane with nothing in flight, shared by every idle lane: most accounts are idle
   * most of the time, and a completed future of their own was 24 bytes of heap per account.
   */
  private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

  private CompletableFuture<Void> tail = IDLE; // guarded by this: completes when the last request queued ends

  GrantLane(Account account, ManagerConfig config) {
    this.account = account.address();
    this.config = config;
    this.grant = account.grant();
  }

  /** The grant as of now (with the latest rotated refresh token). */
  Grant grant() {
    return grant;
  }

  /**
   * A new token for {@code scopes} (empty: the grant's own), requested once every earlier request
   * of this account has ended. The future fails with a {@link RefreshTokenPersistenceException}
   * when the provider rotated the refresh token and saving it failed; the new refresh token is
   * used from here on anyway (the provider may already have retired the old one).
   */
  CompletableFuture<GrantExchange.Outcome> exchange(List<String> scopes, boolean renew) {
    CompletableFuture<GrantExchange.Outcome> result = new CompletableFuture<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    CompletableFuture<Void> previous;
    synchronized (this) {
      previous = tail;
      tail = ended;
    }
    result.whenComplete((outcome, failure) -> {
      synchronized (this) {
        if (tail == ended) {
          tail = IDLE; // nothing queued behind this request: the lane is idle again
        }
      }
      ended.complete(null);
    });
    if (previous.isDone()) {
      start(result, scopes, renew);
    } else {
      previous.whenComplete((v, t) -> {
        try {
          config.executor().execute(() -> start(result, scopes, renew));
        } catch (RejectedExecutionException e) {
          result.completeExceptionally(e);
        }
      });
    }
    return result;
  }

  private void start(CompletableFuture<GrantExchange.Outcome> result, List<String> scopes, boolean renew) {
    Grant used = grant;
    CompletableFuture<GrantExchange.Outcome> fetched;
    try {
      fetched = config.exchange().fetchAsync(account, used, scopes, renew, config.clock().instant());
    } catch (Throwable t) {
      result.completeExceptionally(t);
      rethrowIfError(t);
      return;
    }
    fetched.whenComplete((outcome, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
        return;
      }
      Secret rotated = outcome.rotatedRefreshToken().orElse(null);
      if (rotated == null || !(used instanceof RefreshTokenGrant g)) {
        result.complete(outcome);
        return;
      }
      // The provider may already have retired the old refresh token: continue with the new one
      // even if saving fails, and save before anyone sees the new access token.
      grant = g.withRefreshToken(rotated);
      try {
        config.store().save(account, rotated);
      } catch (Throwable t) {
        result.completeExceptionally(new RefreshTokenPersistenceException(account, rotated.fingerprint(), t));
        rethrowIfError(t);
        return;
      }
      result.complete(outcome);
    });
  }

  private static void rethrowIfError(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
  }
}
