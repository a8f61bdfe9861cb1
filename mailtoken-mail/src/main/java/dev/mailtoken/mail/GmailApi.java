package dev.mailtoken.mail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Sending through the Gmail API, {@code POST /gmail/v1/users/me/messages/send} with
 * {@code {"raw": base64url(MIME)}}. Works with the narrow {@code gmail.send} scope, which Gmail
 * SMTP refuses, and over HTTPS only (no SMTP ports needed). A 401 renews the token once and
 * retries once; 403 means a missing scope or disabled API; 429 is transient with its
 * {@code Retry-After}. Immutable and thread-safe.
 */
public final class GmailApi extends MailTransport {
  static final URI GOOGLE = URI.create("https://gmail.googleapis.com");
  private final URI baseUri;

  GmailApi(URI baseUri) {
    this.baseUri = baseUri;
  }

  /** The Gmail API at {@code https://gmail.googleapis.com}. */
  public static GmailApi google() {
    return new GmailApi(GOOGLE);
  }

  /** A builder; every option has a default. */
  public static GmailApiBuilder builder() {
    return new GmailApiBuilder();
  }

  /** A builder starting from this transport's settings, any of which may be replaced once. */
  public GmailApiBuilder toBuilder() {
    GmailApiBuilder b = new GmailApiBuilder();
    b.baseUri = baseUri;
    return b;
  }

  public URI baseUri() {
    return baseUri;
  }

  @Override
  Delivery openDelivery(DeliveryContext context) {
    return new ApiDelivery(this, context.http());
  }

  @Override
  public String name() {
    return "gmail-api";
  }

  HttpRequest.Builder request(byte[] mime) {
    String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(mime);
    String body = "{\"raw\":\"" + raw + "\"}";
    return HttpRequest.newBuilder(ApiUris.resolve(baseUri, "gmail/v1/users/me/messages/send"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "GmailApi[" + baseUri + "]";
  }
}
