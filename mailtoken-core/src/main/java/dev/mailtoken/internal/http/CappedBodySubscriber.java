package dev.mailtoken.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body and fails as soon as it grows past a limit, so a hostile or broken
 * server cannot make us buffer megabytes. Used by one response at a time, as the JDK's
 * {@code HttpClient} drives it.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  /** Thrown (as the future's failure) when the body exceeds the cap. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    TooLargeException(long cap, int status) {
      super("response body larger than " + cap + " bytes (HTTP " + status + ")");
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final int cap;
  private final int status;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBodySubscriber(int cap, int status) {
    this.cap = cap;
    this.status = status;
  }

  /** A body handler that caps every response at {@code cap} bytes. */
  static HttpResponse.BodyHandler<byte[]> handler(int cap) {
    return info -> new CappedBodySubscriber(cap, info.statusCode());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      if (buffer.size() + b.remaining() > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLargeException(cap, status));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      buffer.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }
}
