package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.OAuthTimeoutException;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Refresh answers whose outcome is committed when they arrive, whether or not their caller still
 * waits. {@link CredentialStore#close()} waits for the ones still out, so a process that ends
 * right after a timeout does not drop a rotated refresh token. Thread-safe.
 */
final class LateAnswers {
  private final Map<CompletableFuture<AccessToken>, String> pending = new ConcurrentHashMap<>();

  /**
   * Commits {@code answer}'s outcome when it arrives and waits for that at most {@code wait}.
   *
   * @throws MailtokenException the committed failure, or {@code gaveUp}'s exception when {@code wait} passed
   */
  AccessToken await(RefreshClaim claim, CompletableFuture<TokenResponse> answer, RefreshCommit commit,
      Duration wait, Supplier<OAuthTimeoutException> gaveUp) throws MailtokenException {
    CompletableFuture<AccessToken> committed = answer.handle((response, failure) -> {
      try {
        if (failure == null) {
          return commit.success(claim, response);
        }
        throw commit.failure(claim, asMailtoken(claim.address(), failure));
      } catch (MailtokenException e) {
        throw new CompletionException(e);
      }
    });
    pending.put(committed, claim.address());
    committed.whenComplete((token, failure) -> pending.remove(committed));
    try {
      return committed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw gaveUp.get();
    } catch (ExecutionException e) {
      throw asMailtoken(claim.address(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("Interrupted while waiting for the refresh of " + claim.address() + "; its answer"
          + " is still saved when it arrives.", claim.address(), null, null, e);
    }
  }

  /** The accounts whose answer is still awaited, sorted. */
  List<String> accounts() {
    return List.copyOf(new TreeSet<>(pending.values()));
  }

  /** Waits until every answer still out was committed; each is bounded by its client's completion timeout. */
  void awaitAll() {
    for (CompletableFuture<AccessToken> f : List.copyOf(pending.keySet())) {
      try {
        f.join();
      } catch (RuntimeException e) {
        // The failure was committed (or logged) where it happened.
      }
    }
  }

  private static MailtokenException asMailtoken(String address, Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (t instanceof MailtokenException m) {
      return m;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new TransientException("The refresh of " + address + " failed unexpectedly (" + t.getClass().getName()
        + "); try again.", address, null, null, t);
  }
}
