package dev.mailtoken.examples.readme;

import dev.mailtoken.Secret;
import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationCode;
import dev.mailtoken.oauth.DeviceAuthorization;
import dev.mailtoken.oauth.DeviceCodePoller;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.PendingAuthorization;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java blocks of the top README.md, compiled with what they use declared around them
 * (ReadmeSnippetsTest keeps them identical to the README). Never run: they name Google's and
 * Microsoft's real servers; the examples and mailtoken-mail's ReadmeExampleTest run the same calls
 * against the emulators.
 */
final class TopReadmeSnippets {
  private static final Logger log = LoggerFactory.getLogger(TopReadmeSnippets.class);

  private TopReadmeSnippets() {
  }

  static void sendingMailWithGmail(TokenManager tokens) throws Exception {
    // snippet: README.md
    try (Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(SmtpServer.forProvider(OAuthProvider.google()))   // smtp.gmail.com:587, STARTTLS, XOAUTH2
        .build()) {
      MimeMessage m = mailer.newMessage();
      m.setFrom("alice@gmail.com");
      m.setRecipients(Message.RecipientType.TO, "bob@example.org");
      m.setSubject("Hello");
      m.setText("Sent with an OAuth2 token.");
      SendResult sent = mailer.send(m);   // as the From address; send(m, account) for per-message auth
    }
    // end snippet
  }

  static void microsoftWithGraph(TokenManager tokens) {
    // snippet: README.md
    Mailer mailer = Mailer.builder()
        .tokenManager(tokens)   // scope https://outlook.office.com/SMTP.Send (+ offline_access)
        .transport(SmtpServer.forProvider(OAuthProvider.microsoft("contoso.onmicrosoft.com"))) // smtp.office365.com:587
        .transport("noreply@contoso.com", GraphApi.microsoft())   // Graph Mail.Send
        .build();
    // end snippet
    mailer.close();
  }

  static void tokens(URI callbackUri) throws Exception {
    // snippet: README.md
    // One OAuthClient and one TokenManager per process, shared by all accounts.
    App gmail = App.builder()
        .provider(OAuthProvider.google())                 // or OAuthProvider.microsoft("contoso.onmicrosoft.com"),
        .clientId("1234.apps.googleusercontent.com") //    OAuthProvider.discover(issuer, client), OAuthProvider.builder()
        .clientSecret(Secret.of(System.getenv("GMAIL_CLIENT_SECRET")))
        .redirectUri(URI.create("http://127.0.0.1:8765/callback"))
        .build();                                    // scopes default to the provider's mail scopes

    OAuthClient client = OAuthClient.builder().build();
    TokenManager tokens = TokenManager.builder()
        .oauthClient(client)
        .refreshTokenStore((account, rotated) -> saveSomewhere(account, rotated)) // runs before the new token is used
        .listener(event -> log.info("{}", event))    // Issued, Rotated, RefreshFailed, ReauthorizationRequired
        .build();

    // Once: consent. Send the user to pending.uri(), then validate the redirect they come back with.
    PendingAuthorization pending = PendingAuthorization.builder(gmail).loginHint("alice@example.com").build();
    AuthorizationCode code = pending.validate(callbackUri);   // checks state, decodes the code once
    TokenResponse granted = client.exchangeCode(gmail, code); // MissingRefreshTokenException explains re-consent

    // For ever after (seeded with the exchange's access token, so the first token() sends no request):
    tokens.register(new Account("alice@example.com",
            new RefreshTokenGrant(gmail, granted.refreshToken().orElseThrow())),
        new AccessToken(granted.accessToken(), granted.expiresAt(), granted.scopes()));
    AccessToken token = tokens.token("alice@example.com");     // cached, refreshed before expiry, single-flight
    // ... the server rejected it (SMTP 535 / HTTP 401)? renew once, retry once:
    AccessToken fresh = tokens.renew("alice@example.com", token);
    // end snippet
  }

  static void heldRefreshToken(TokenManager tokens, App gmail) {
    // snippet: README.md
    tokens.register(new Account("bob@example.com", new RefreshTokenGrant(gmail, System.getenv("BOB_REFRESH_TOKEN"))));
    // end snippet
  }

  static void deviceFlow(OAuthClient client, TokenManager tokens) throws Exception {
    // snippet: README.md
    App outlook = App.builder()
        .provider(OAuthProvider.microsoft("contoso.onmicrosoft.com"))   // or a provider with a device endpoint
        .clientId("00000000-0000-0000-0000-000000000000")   // "Allow public client flows": Yes; no secret needed
        .build();                                        // SMTP.Send and offline_access

    DeviceAuthorization device = client.startDeviceAuthorization(outlook, List.of());   // empty: the app's scopes
    System.out.println("Open " + device.verificationUri() + " and enter the code " + device.userCode());
    TokenResponse granted = DeviceCodePoller.of(client).await(device);   // blocks until consent, decline or expiry

    Secret refreshToken = granted.refreshToken().orElseThrow();   // always there: the poller insists on one
    saveSomewhere("bob@contoso.com", refreshToken);               // never print it; refreshToken.fingerprint() is safe
    tokens.register(new Account("bob@contoso.com", new RefreshTokenGrant(outlook, refreshToken)));
    // end snippet
  }

  private static void saveSomewhere(String account, Secret rotated) {
  }
}
