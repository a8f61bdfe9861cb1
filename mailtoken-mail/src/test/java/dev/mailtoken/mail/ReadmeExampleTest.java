package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** README.md's examples, with the emulators in place of smtp.gmail.com and Graph. */
class ReadmeExampleTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void givenTheGmailExample_whenRun_thenTheMessageIsSentAsTheFromAddress() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account("alice@gmail.com");
    TokenManager tokens = rig.tokens;
    SmtpServer gmailSmtp = rig.server().build();   // README: SmtpServer.forProvider(OAuthProvider.google())

    SendResult sent;
    try (Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(gmailSmtp)
        .build()) {
      MimeMessage m = mailer.newMessage();
      m.setFrom("alice@gmail.com");
      m.setRecipients(Message.RecipientType.TO, "bob@example.org");
      m.setSubject("Hello");
      m.setText("Sent with an OAuth2 token.");
      sent = mailer.send(m);
    }

    assertThat(sent.account()).isEqualTo("alice@gmail.com");
    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly("alice@gmail.com");
  }

  @Test
  void givenTheMicrosoftExample_whenOneMailboxUsesGraph_thenSmtpAndGraphAreEachUsed() throws Exception {
    rig = MailRig.exchange(logs);
    rig.account("alice@contoso.com");
    rig.account("noreply@contoso.com", java.util.List.of("https://graph.microsoft.com/Mail.Send"));
    TokenManager tokens = rig.tokens;

    try (Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(rig.server().build())   // README: SmtpServer.forProvider(OAuthProvider.microsoft("contoso..."))
        .transport("noreply@contoso.com", GraphApi.builder().baseUri(rig.provider.baseUri()).build())
        .build()) {
      assertThat(mailer.send(MailRig.message("alice@contoso.com", "bob@example.org", "smtp")).transport())
          .isEqualTo("smtp");
      assertThat(mailer.send(MailRig.message("noreply@contoso.com", "bob@example.org", "graph")).transport())
          .isEqualTo("graph");
    }
  }

  @Test
  void givenThePlainJakartaMailExample_whenTransportSend_thenTheMessageIsSent() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account("alice@gmail.com");
    TokenManager tokens = rig.tokens;

    Session session = MailSessions.create("alice@gmail.com", rig.server().build(), tokens.source("alice@gmail.com"));
    MimeMessage m = new MimeMessage(session);
    m.setFrom("alice@gmail.com");
    m.setRecipients(Message.RecipientType.TO, "bob@example.org");
    m.setText("plain");
    Transport.send(m);

    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenTheToBuilderExample_whenTheDerivedServerTrustsTheCertificate_thenItSends() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account("alice@gmail.com");
    OAuthProvider provider = OAuthProvider.google().toBuilder().smtp(rig.smtp.host(), rig.smtp.port()).build();
    SSLContext corporateTrust = rig.smtp.clientSslContext();

    SmtpServer trusted = SmtpServer.forProvider(provider).toBuilder().sslContext(corporateTrust).build();

    try (Mailer mailer = Mailer.builder().tokenManager(rig.tokens).transport(trusted).clock(rig.clock).build()) {
      mailer.send(MailRig.message("alice@gmail.com", "bob@example.org", "trusted"));
    }
    assertThat(trusted.security()).isEqualTo(SmtpSecurity.STARTTLS);
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenTheRawMessageExample_whenSent_thenTheBytesGoToTheEnvelopesRecipients(@TempDir Path dir) throws Exception {
    rig = MailRig.gmail(logs);
    rig.account("alice@gmail.com");
    Path eml = Files.write(dir.resolve("message.eml"),
        "From: alice@gmail.com\r\nTo: bob@example.org\r\nSubject: raw\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII));

    try (Mailer mailer = Mailer.builder().tokenManager(rig.tokens).transport(rig.server().build()).build()) {
      byte[] message = Files.readAllBytes(eml);
      SendResult sent = mailer.send(Envelope.of("alice@gmail.com", "bob@example.org", "carol@example.net"), message);
      assertThat(sent.account()).isEqualTo("alice@gmail.com");
    }
    assertThat(rig.smtp.messages()).singleElement().satisfies(m -> {
      assertThat(m.recipients()).containsExactly("bob@example.org", "carol@example.net");
      assertThat(m.data()).isEqualTo(Files.readAllBytes(eml));
    });
  }

  @Test
  void givenTheListenerExample_whenASendFails_thenTheListenerHearsTheFailure() {
    rig = MailRig.exchange(logs);
    rig.account("alice@contoso.com");
    rig.smtp.disableSmtpAuth("alice@contoso.com");
    java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    TokenManager tokens = rig.tokens;
    SmtpServer smtp = rig.server().build();

    try (Mailer mailer = Mailer.builder().tokenManager(tokens).transport(smtp)   // README: SmtpServer.forProvider(..)
        .listener(event -> {
          if (event instanceof SendEvent.Failed failed) {
            log.add("send as " + failed.account() + " over " + failed.transport() + " failed: "
                + failed.error().getMessage());   // README: log.warn("send as {} over {} failed: {}", ...)
          }
        })
        .build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> mailer.send(MailRig.message("alice@contoso.com", "bob@example.org", "listened")))
          .isInstanceOf(SmtpAuthDisabledException.class);
    }
    assertThat(log).singleElement().asString().startsWith("send as alice@contoso.com over smtp failed: ");
  }

  @Test
  void givenTheOneConsentTwoResourcesExample_whenSentOverSmtpAndGraph_thenEachGetsItsOwnResourcesToken()
      throws Exception {
    rig = MailRig.exchange(logs);
    rig.account("alice@contoso.com", java.util.List.of(MailRig.EXCHANGE_SCOPE, GraphApi.MAIL_SEND, "offline_access"));
    TokenManager tokens = rig.tokens;
    MimeMessage message = MailRig.message("alice@contoso.com", "bob@example.org", "both");

    Mailer smtp = Mailer.builder().tokenManager(tokens)
        .transport(rig.server().build()).build();   // README: SmtpServer.forProvider(OAuthProvider.microsoft(..))
    Mailer graph = Mailer.builder().tokenManager(tokens)
        .transport(GraphApi.builder().baseUri(rig.provider.baseUri()).build()).build();   // README: GraphApi.microsoft()
    try (smtp; graph) {
      smtp.send(message);
      graph.send(message);
    }

    assertThat(rig.smtp.messages()).hasSize(1);
    assertThat(rig.provider.apiMessages()).hasSize(1);
  }

  @Test
  void givenThePerMessageCredentialsExample_whenSent_thenEachMessageGoesAsItsUser() throws Exception {
    rig = MailRig.gmail(logs);
    App gmailApp = rig.app();
    String refreshTokenFromDb = rig.provider.issueRefreshToken(MailRig.CLIENT_ID, "alice@gmail.com",
        java.util.List.of(MailRig.GMAIL_SCOPE));
    Secret bobsRefreshToken = Secret.of(rig.provider.issueRefreshToken(MailRig.CLIENT_ID, "bob@gmail.com",
        java.util.List.of(MailRig.GMAIL_SCOPE)));
    String bobsAccessToken = rig.provider.issueAccessToken(MailRig.CLIENT_ID, "bob@gmail.com",
        java.util.List.of(MailRig.GMAIL_SCOPE));
    java.time.Instant bobsExpiry = rig.clock.instant().plus(java.time.Duration.ofMinutes(50));
    TokenManager tokens = rig.tokens;
    MimeMessage message = MailRig.message("alice@gmail.com", "carol@example.org", "alice");
    MimeMessage other = MailRig.message("bob@gmail.com", "carol@example.org", "bob");

    try (Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(rig.server().build())   // README: SmtpServer.forProvider(OAuthProvider.google())
        .build()) {
      mailer.send(message, Credentials.refreshToken("alice@gmail.com", gmailApp, refreshTokenFromDb));
      mailer.send(other, Credentials.refreshToken("bob@gmail.com", gmailApp, bobsRefreshToken)
          .withAccessToken(AccessToken.of(bobsAccessToken, bobsExpiry)));
    }

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser)
        .containsExactly("alice@gmail.com", "bob@gmail.com");
  }

  @Test
  void givenThePropertiesExample_whenTheSourceNamesTheAccount_thenNoMailSmtpUserIsNeeded() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account("alice@gmail.com");
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("mail.smtp.timeout", "20000");

    Session session = MailSessions.create(properties, rig.server().build(), rig.tokens.source("alice@gmail.com"));
    MimeMessage m = new MimeMessage(session);
    m.setFrom("alice@gmail.com");
    m.setRecipients(Message.RecipientType.TO, "bob@example.org");
    m.setText("plain");
    Transport.send(m);

    assertThat(rig.smtp.messages()).hasSize(1);
  }
}
