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
 * {@code graph.microsoft.com}, not the SMTP one). Delegated tokens use {@code /me}; app-only
 * tokens need {@link Builder#perUserPath(boolean)}. A 401
 * renews once and retries once; 403 means missing permission; 429 is transient with its
 * {@code Retry-After}. Immutable and thread-safe.
 */
public final class GraphApi implements MailTransport {
  private static final URI MICROSOFT = URI.create("https://graph.microsoft.com");
  private final URI baseUri;
  private final boolean perUserPath;

  private GraphApi(URI baseUri, boolean perUserPath) {
    this.baseUri = baseUri;
    this.perUserPath = perUserPath;
  }

  /** Microsoft Graph at {@code https://graph.microsoft.com}. */
  public static GraphApi microsoft() {
    return new GraphApi(MICROSOFT, false);
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

  HttpRequest.Builder request(String account, byte[] mime) {
    String body = Base64.getEncoder().encodeToString(mime);
    String path = perUserPath
        ? "v1.0/users/" + java.net.URLEncoder.encode(account, StandardCharsets.UTF_8) + "/sendMail"
        : "v1.0/me/sendMail";
    return HttpRequest.newBuilder(ApiUris.resolve(baseUri, path))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "GraphApi[" + baseUri + (perUserPath ? ", /users/{account}" : ", /me") + "]";
  }

  /** Configures a {@link GraphApi}; every option has a default. Not thread-safe. */
  public static final class Builder {
    private URI baseUri = MICROSOFT;
    private boolean perUserPath;

    private Builder() {
    }

    /**
     * Sends with {@code /v1.0/users/{account}/sendMail} instead of {@code /me/sendMail}: needed for
     * app-only tokens (client credentials with {@code Mail.Send} application permission), where
     * there is no "me". Default false.
     */
    public Builder perUserPath(boolean perUserPath) {
      this.perUserPath = perUserPath;
      return this;
    }

    /** Where Graph lives (tests: the provider emulator's base URI). */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    public GraphApi build() {
      return new GraphApi(baseUri, perUserPath);
    }
  }
}
