package dev.mailtoken.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenCallback;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Your own provisioning (Nodemailer's {@code provisionCallback}): another system of yours owns the
 * OAuth2 grant and hands out access tokens; mailtoken asks it through a {@link CallbackGrant} and
 * still caches the token, shares one call between concurrent senders, and asks again with
 * {@code renew=true} when the mail server rejects a token.
 *
 * <p>Here the other system is an HTTP service: {@code GET URL?account=ADDR&renew=BOOL} answers
 * {@code {"access_token": "…", "expires_in": 3599}}.
 *
 * <pre>
 * java -cp … dev.mailtoken.examples.CustomCallbackGrant --token-service https://tokens.internal/v1/token \
 *   --from you@gmail.com --to friend@example.com
 * </pre>
 */
public final class CustomCallbackGrant {
  private CustomCallbackGrant() {
  }

  public static void main(String[] args) throws Exception {
    SendResult sent = run(ExampleArgs.parse(args, System.getenv()));
    System.out.println("sent as " + sent.account() + ": " + sent.messageId());
  }

  static SendResult run(ExampleArgs args) throws MailtokenException, MessagingException {
    String from = args.required("--from");
    TokenCallback fromMyService = new TokenService(URI.create(args.required("--token-service")), Clock.systemUTC());

    try (TokenManager tokens = TokenManager.builder().build()) {   // no OAuth client: the callback is the source
      tokens.register(new Account(from, new CallbackGrant(fromMyService)));
      try (Mailer mailer = Mailer.builder()
          .tokenManager(tokens)
          .transport(args.smtpServer(OAuthProvider.google()))
          .build()) {
        MimeMessage m = mailer.newMessage();
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, args.required("--to"));
        m.setSubject("Token from my own service");
        m.setText("mailtoken asked a callback for the access token.");
        return mailer.send(m);
      }
    }
  }

  /**
   * The callback: one HTTP call per token. Whatever it throws reaches the sender as a
   * {@link MailtokenException} naming the account. Thread-safe (the HTTP client is).
   */
  record TokenService(URI endpoint, Clock clock, HttpClient http) implements TokenCallback {
    private static final ObjectMapper JSON = new ObjectMapper();

    TokenService(URI endpoint, Clock clock) {
      this(endpoint, clock, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    @Override
    public AccessToken token(String account, boolean renew) throws IOException, InterruptedException {
      URI uri = URI.create(endpoint + "?account=" + URLEncoder.encode(account, StandardCharsets.UTF_8)
          + "&renew=" + renew);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("token service answered HTTP " + response.statusCode() + " for " + account);
      }
      JsonNode body = JSON.readTree(response.body());
      return new AccessToken(Secret.of(body.path("access_token").asText()),
          Optional.of(clock.instant().plusSeconds(body.path("expires_in").asLong(3600))), Set.of());
    }
  }
}
