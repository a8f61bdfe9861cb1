package dev.mailtoken.mail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Sending through the Gmail API, {@code POST /gmail/v1/users/me/messages/send} with
 * {@code {"raw": base64url(MIME)}}. Works with the narrow {@code gmail.send} scope, which Gmail
 * SMTP refuses, and over HTTPS only (no SMTP ports needed). A 401 renews the token once and
 * retries once; 403 means a missing scope or disabled API; 429 is transient with its
 * {@code Retry-After}. Immutable and thread-safe.
 */
public final class GmailApi implements MailTransport {
  private static final URI GOOGLE = URI.create("https://gmail.googleapis.com");
  private final URI baseUri;

  private GmailApi(URI baseUri) {
    this.baseUri = baseUri;
  }

  /** The Gmail API at {@code https://gmail.googleapis.com}. */
  public static GmailApi google() {
    return new GmailApi(GOOGLE);
  }

  public static Builder builder() {
    return new Builder();
  }

  public URI baseUri() {
    return baseUri;
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

  /** Configures a {@link GmailApi}; every option has a default. Not thread-safe. */
  public static final class Builder {
    private URI baseUri = GOOGLE;

    private Builder() {
    }

    /** Where the API lives (tests: the provider emulator's base URI). */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    public GmailApi build() {
      return new GmailApi(baseUri);
    }
  }
}
