package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.OAuthTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How a caller waits for a refresh in flight and what it gets when it stops waiting. Stateless. */
final class FlightWait {
  private FlightWait() {
  }

  /**
   * The flight's token or its failure; with a {@code limit} (may be null: no limit) an
   * {@link OAuthTimeoutException} once it passed, while the flight itself goes on.
   */
  static AccessToken await(String account, CompletableFuture<AccessToken> flight, Duration limit)
      throws MailtokenException {
    try {
      return limit == null ? flight.get() : flight.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new OAuthTimeoutException("The provider has not answered the refresh for " + account + " within "
          + limit.toMillis() + " ms. The request stays open until the OAuth client's completion timeout and a late"
          + " answer is saved and served (a rotated refresh token is not lost); ask again in a moment.",
          account, limit, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MailtokenException m) {
        throw m;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("Interrupted while waiting for a token for " + account + ".",
          account, null, null, e);
    }
  }
}
