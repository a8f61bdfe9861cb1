package dev.mailtoken.mail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Sending through Microsoft Graph, {@code POST /v1.0/me/sendMail} with the MIME message
 * base64-encoded as a {@code text/plain} body. Works when the tenant has SMTP AUTH disabled
 * ({@code 5.7.139}); needs a Graph token with {@code Mail.Send} (audience
 * {@code graph.microsoft.com}, not the SMTP one). Delegated tokens only ({@code /me}). A 401
 * renews once and retries once; 403 means missing permission; 429 is transient with its
 * {@code Retry-After}. Immutable and thread-safe.
 */
public final class GraphApi implements MailTransport {
  private static final URI MICROSOFT = URI.create("https://graph.microsoft.com");
  private final URI baseUri;

  private GraphApi(URI baseUri) {
    this.baseUri = baseUri;
  }

  /** Microsoft Graph at {@code https://graph.microsoft.com}. */
  public static GraphApi microsoft() {
    return new GraphApi(MICROSOFT);
  }

  public static Builder builder() {
    return new Builder();
  }

  public URI baseUri() {
    return baseUri;
  }

  @Override
  public String name() {
    return "graph";
  }

  HttpRequest.Builder request(byte[] mime) {
    String body = Base64.getEncoder().encodeToString(mime);
    return HttpRequest.newBuilder(ApiUris.resolve(baseUri, "v1.0/me/sendMail"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "GraphApi[" + baseUri + "]";
  }

  /** Configures a {@link GraphApi}; every option has a default. Not thread-safe. */
  public static final class Builder {
    private URI baseUri = MICROSOFT;

    private Builder() {
    }

    /** Where Graph lives (tests: the provider emulator's base URI). */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    public GraphApi build() {
      return new GraphApi(baseUri);
    }
  }
}
