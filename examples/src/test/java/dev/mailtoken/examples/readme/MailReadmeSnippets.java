package dev.mailtoken.examples.readme;

import dev.mailtoken.mail.Credentials;
import dev.mailtoken.mail.Envelope;
import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.mail.MailSessions;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SendEvent;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java blocks of mailtoken-mail/README.md, compiled with what they use declared around them
 * (ReadmeSnippetsTest keeps them identical to the README). Never run here: mailtoken-mail's
 * ReadmeExampleTest runs the same calls against the emulators.
 */
final class MailReadmeSnippets {
  private static final Logger log = LoggerFactory.getLogger(MailReadmeSnippets.class);

  private MailReadmeSnippets() {
  }

  static Mailer listening(TokenManager tokens) {
    // snippet: mailtoken-mail/README.md
    Mailer mailer = Mailer.builder().tokenManager(tokens).transport(SmtpServer.forProvider(OAuthProvider.google()))
        .listener(event -> {
          if (event instanceof SendEvent.Failed failed) {
            log.warn("send as {} over {} failed: {}", failed.account(), failed.transport(), failed.error().getMessage());
          }
        })
        .build();
    // end snippet
    return mailer;
  }

  static void gmail(TokenManager tokens) throws Exception {
    // snippet: mailtoken-mail/README.md
    // tokens: one TokenManager per process (see the top-level README), with
    // tokens.register(new Account("alice@gmail.com", new RefreshTokenGrant(gmailApp, refreshToken)));
    try (Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(SmtpServer.forProvider(OAuthProvider.google()))   // smtp.gmail.com:587, STARTTLS, SASL from EHLO
        .build()) {
      MimeMessage m = mailer.newMessage();
      m.setFrom("alice@gmail.com");
      m.setRecipients(Message.RecipientType.TO, "bob@example.org");
      m.setSubject("Hello");
      m.setText("Sent with an OAuth2 token.");
      SendResult sent = mailer.send(m);        // as the From address; or send(m, "alice@gmail.com")
    }
    // end snippet
  }

  static void microsoft(TokenManager tokens) {
    // snippet: mailtoken-mail/README.md
    Mailer mailer = Mailer.builder()
        .tokenManager(tokens)   // accounts with scope https://outlook.office.com/SMTP.Send (+ offline_access)
        .transport(SmtpServer.forProvider(OAuthProvider.microsoft("contoso.onmicrosoft.com"))) // smtp.office365.com:587
        .transport("noreply@contoso.com", GraphApi.microsoft())  // a mailbox whose SMTP AUTH is off: Mail.Send
        .build();
    // end snippet
    mailer.close();
  }

  static void smtpAndGraphFromOneConsent(TokenManager tokens, MimeMessage message) throws Exception {
    // snippet: mailtoken-mail/README.md
    Mailer smtp = Mailer.builder().tokenManager(tokens)
        .transport(SmtpServer.forProvider(OAuthProvider.microsoft("contoso.onmicrosoft.com"))).build();
    Mailer graph = Mailer.builder().tokenManager(tokens).transport(GraphApi.microsoft()).build();
    smtp.send(message);    // XOAUTH2 with a token for https://outlook.office.com
    graph.send(message);   // sendMail with a token for https://graph.microsoft.com
    // end snippet
    smtp.close();
    graph.close();
  }

  static void perMessageCredentials(TokenManager tokens, App gmailApp, MimeMessage message, MimeMessage other,
      String refreshTokenFromDb, String bobsRefreshToken, String bobsAccessToken, Instant bobsExpiry)
      throws Exception {
    // snippet: mailtoken-mail/README.md
    try (Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(SmtpServer.forProvider(OAuthProvider.google()))
        .build()) {
      mailer.send(message, Credentials.refreshToken("alice@gmail.com", gmailApp, refreshTokenFromDb));
      mailer.send(other, Credentials.refreshToken("bob@gmail.com", gmailApp, bobsRefreshToken)
          .withAccessToken(AccessToken.of(bobsAccessToken, bobsExpiry)));   // used until its refresh is due
    }
    // end snippet
  }

  static void rawBytes(Mailer mailer) throws Exception {
    // snippet: mailtoken-mail/README.md
    byte[] message = Files.readAllBytes(Path.of("message.eml"));   // header fields, empty line, body; CRLF
    SendResult sent = mailer.send(Envelope.of("alice@gmail.com", "bob@example.org", "carol@example.net"), message);
    // end snippet
  }

  static void plainJakartaMail(TokenManager tokens) throws Exception {
    // snippet: mailtoken-mail/README.md
    Session session = MailSessions.create("alice@gmail.com",
        SmtpServer.forProvider(OAuthProvider.google()), tokens.source("alice@gmail.com"));
    MimeMessage m = new MimeMessage(session);
    // ...
    Transport.send(m);   // authenticates with XOAUTH2, renews a rejected token once
    // end snippet
  }

  static void derivedServer(OAuthProvider provider, SSLContext corporateTrust) {
    // snippet: mailtoken-mail/README.md
    SmtpServer trusted = SmtpServer.forProvider(provider).toBuilder().sslContext(corporateTrust).build();
    // end snippet
  }
}
