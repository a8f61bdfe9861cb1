package dev.mailtoken.examples.readme;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.mail.MailSessions;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java blocks of docs/migration.md, compiled with what they use declared around them
 * (ReadmeSnippetsTest keeps them identical to the guide), the hand-written "before" loop included.
 * Never run: they name Google's and Microsoft's servers.
 */
final class MigrationGuideSnippets {
  private static final Logger log = LoggerFactory.getLogger(MigrationGuideSnippets.class);
  private static final String CLIENT_ID = "id";
  private static final String CLIENT_SECRET = "secret";
  private static final String REFRESH_TOKEN = "refresh";
  private static final String ACCESS_TOKEN = "access";

  /** What the "before" and "after" blocks assume an application already has. */
  interface Repository {
    void saveRefreshToken(String account, Secret rotated);

    Secret refreshToken(String account);
  }

  interface Alerts {
    void raise(String message);
  }

  private final ScheduledExecutorService scheduler;
  private final Repository repository;
  private final Alerts alerts;
  private final App app;
  private final String tokenUrl = "https://oauth2.googleapis.com/token";
  private final String clientId = CLIENT_ID;
  private final String clientSecret = CLIENT_SECRET;
  private final String refreshToken = REFRESH_TOKEN;
  private volatile String accessToken;

  MigrationGuideSnippets(ScheduledExecutorService scheduler, Repository repository, Alerts alerts, App app) {
    this.scheduler = scheduler;
    this.repository = repository;
    this.alerts = alerts;
    this.app = app;
  }

  static void fromNodemailer() {
    // snippet: docs/migration.md
    App gmail = App.builder()
        .provider(OAuthProvider.google())                       // service: 'gmail' + accessUrl
        .clientId(CLIENT_ID)                                    // clientId
        .clientSecret(Secret.of(CLIENT_SECRET))                 // clientSecret
        .build();                                               // scopes default to https://mail.google.com/
    OAuthClient client = OAuthClient.builder().build();
    TokenManager tokens = TokenManager.builder()
        .oauthClient(client)
        .listener(event -> log.info("{}", event))               // the 'token' event, and failures too
        .build();
    tokens.register(new Account("alice@gmail.com",              // user
            new RefreshTokenGrant(gmail, Secret.of(REFRESH_TOKEN))),   // refreshToken
        new AccessToken(Secret.of(ACCESS_TOKEN),                // accessToken
            Optional.of(Instant.ofEpochMilli(1767225600000L)), Set.of()));   // expires
    Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(SmtpServer.forProvider(OAuthProvider.google()))   // smtp.gmail.com:587, STARTTLS, XOAUTH2
        .build();
    // end snippet
    mailer.close();
  }

  void handWrittenLoopBefore() {
    // snippet: docs/migration.md
    // before
    scheduler.scheduleAtFixedRate(() -> {
      try {
        accessToken = postRefresh(tokenUrl, clientId, clientSecret, refreshToken);   // rotation ignored
      } catch (Exception e) {
        log.warn("refresh failed", e);                                               // and then?
      }
    }, 0, 50, TimeUnit.MINUTES);
    Properties props = new Properties();
    props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
    // ... Transport.send(message, user, accessToken);
    // end snippet
  }

  void handWrittenLoopAfter() {
    // snippet: docs/migration.md
    // after
    TokenManager tokens = TokenManager.builder()
        .oauthClient(OAuthClient.builder().build())
        .refreshTokenStore((account, rotated) -> repository.saveRefreshToken(account, rotated))
        .listener(event -> {
          if (event instanceof TokenEvent.ReauthorizationRequired r) {
            alerts.raise(r.account() + " needs a new consent: " + r.error().getMessage());
          }
        })
        .build();
    tokens.register(new Account("alice@contoso.com",
        new RefreshTokenGrant(app, repository.refreshToken("alice@contoso.com"))));
    Session session = MailSessions.create("alice@contoso.com",
        SmtpServer.forProvider(OAuthProvider.microsoft("contoso.onmicrosoft.com")), tokens.source("alice@contoso.com"));
    // ... Transport.send(message) as before, without user and password
    // end snippet
  }

  static void fromEmailEngine(TokenManager tokens) throws Exception {
    // snippet: docs/migration.md
    HttpServer auth = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8081), 0);
    ObjectMapper json = new ObjectMapper();
    auth.createContext("/authentication", exchange -> {
      // account ids registered in EmailEngine are the mailbox addresses here
      String account = URLDecoder.decode(exchange.getRequestURI().getRawQuery().replaceAll(".*account=([^&]*).*", "$1"),
          StandardCharsets.UTF_8);
      byte[] body;
      int status;
      try {
        AccessToken token = tokens.token(account);
        body = json.writeValueAsBytes(Map.of("user", account, "accessToken", token.value().reveal()));
        status = 200;
      } catch (MailtokenException e) {
        body = json.writeValueAsBytes(Map.of("error", e.getMessage()));
        status = e.isTransient() ? 503 : 403;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    auth.start();
    // end snippet
  }

  private static String postRefresh(String url, String id, String secret, String refresh) throws Exception {
    throw new UnsupportedOperationException("the hand-written refresh the guide replaces");
  }
}
