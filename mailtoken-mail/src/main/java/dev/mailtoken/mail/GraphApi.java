package dev.mailtoken.mail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Sending through Microsoft Graph, {@code POST /v1.0/me/sendMail} with the MIME message
 * base64-encoded as a {@code text/plain} body. Works when the tenant has SMTP AUTH disabled
 * ({@code 5.7.139}); needs a Graph token with {@code Mail.Send} (audience
 * {@code graph.microsoft.com}, not the SMTP one), so it asks the token manager for the account's
 * token of the scope set {@link #scopes()} ({@code https://graph.microsoft.com/Mail.Send}): an
 * account consented to SMTP and Graph at once gets an SMTP token for {@link SmtpServer} and a
 * Graph token here, from one refresh token. Delegated tokens use {@code /me}; app-only
 * tokens need {@link GraphApiBuilder#perUserPath(boolean)}. A 401
 * renews once and retries once; 403 means missing permission; 429 is transient with its
 * {@code Retry-After}. Immutable and thread-safe.
 */
public final class GraphApi extends MailTransport {
  static final URI MICROSOFT = URI.create("https://graph.microsoft.com");
  /** The delegated permission to send mail, as its own resource's scope. */
  public static final String MAIL_SEND = "https://graph.microsoft.com/Mail.Send";
  private final URI baseUri;
  private final boolean perUserPath;
  private final List<String> scopes;

  GraphApi(URI baseUri, boolean perUserPath, List<String> scopes) {
    this.baseUri = baseUri;
    this.perUserPath = perUserPath;
    this.scopes = List.copyOf(scopes);
  }

  /** Microsoft Graph at {@code https://graph.microsoft.com}, with Graph tokens for {@link #MAIL_SEND}. */
  public static GraphApi microsoft() {
    return new GraphApi(MICROSOFT, false, List.of(MAIL_SEND));
  }

  /** A builder; every option has a default. */
  public static GraphApiBuilder builder() {
    return new GraphApiBuilder();
  }

  /** A builder starting from this transport's settings, any of which may be replaced once. */
  public GraphApiBuilder toBuilder() {
    GraphApiBuilder b = new GraphApiBuilder();
    b.baseUri = baseUri;
    b.perUserPath = perUserPath;
    b.scopes = scopes;
    return b;
  }

  public URI baseUri() {
    return baseUri;
  }

  /**
   * The scopes of the Graph tokens this transport asks the token manager for: {@link #MAIL_SEND}
   * unless {@link GraphApiBuilder#scopes} said otherwise; empty means the account's own token.
   */
  public List<String> scopes() {
    return scopes;
  }

  @Override
  List<String> tokenScopes() {
    return scopes;
  }

  @Override
  Delivery openDelivery(DeliveryContext context) {
    return new ApiDelivery(this, context.http());
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
    return "GraphApi[" + baseUri + (perUserPath ? ", /users/{account}" : ", /me") + ", scopes=" + scopes + "]";
  }
}
