package dev.mailtoken.internal.http;

/** Classifies HTTP statuses for retry decisions. Stateless. */
public final class HttpStatuses {
  private HttpStatuses() {
  }

  /** 408, 429 and every 5xx: the same request may succeed later (RFC 9110 §15). */
  public static boolean isTransient(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** 2xx. */
  public static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
