package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exchange-style SMTP: capabilities, direct 535 5.7.3, audience, 5.7.139 switches, 432 past 3 sessions, quota. */
class SmtpExchangeDialogueTest {
  private static final String USER = "alice@contoso.example";
  private static final String SMTP_SEND = "https://outlook.office.com/SMTP.Send";

  private final TestClock clock = TestClock.at(Emulators.START);
  private final ProviderEmulator provider = Emulators.started(
      ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).clock(clock));
  private final SmtpEmulator smtp = SmtpEmulator.builder(provider).start();

  @AfterEach
  void close() {
    smtp.close();
    provider.close();
  }

  private String token(String user, String... scopes) {
    return provider.issueAccessToken(Emulators.CLIENT, user, List.of(scopes));
  }

  private SmtpWire authenticated(String user, String token) {
    SmtpWire wire = SmtpWire.plain(smtp);
    wire.handshake(smtp);
    assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(user, token))).startsWith("235 ");
    return wire;
  }

  @Test
  void givenMicrosoftProvider_whenBuiltWithDefaults_thenExchangeStyle() {
    assertThat(smtp.style()).isEqualTo(SmtpStyle.EXCHANGE);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      assertThat(wire.reply()).matches("220 \\S+\\.outlook\\.office365\\.com Microsoft ESMTP MAIL Service ready at .+");
    }
  }

  @Test
  void givenExchange_whenEhloBeforeAndAfterTls_thenStartTlsReplacedByAuthLoginXoauth2() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();
      String before = wire.send("EHLO client.example");
      wire.send("STARTTLS");
      wire.upgrade(smtp.clientSslContext());
      String after = wire.send("EHLO client.example");

      assertThat(before.split("\n")).endsWith("250-SIZE 157286400", "250-PIPELINING", "250-DSN",
          "250-ENHANCEDSTATUSCODES", "250-STARTTLS", "250-8BITMIME", "250-BINARYMIME", "250-CHUNKING", "250 SMTPUTF8");
      assertThat(after.split("\n")).endsWith("250-SIZE 157286400", "250-PIPELINING", "250-DSN",
          "250-ENHANCEDSTATUSCODES", "250-AUTH LOGIN XOAUTH2", "250-8BITMIME", "250-BINARYMIME", "250-CHUNKING",
          "250 SMTPUTF8");
    }
  }

  @Test
  void givenExchange_whenStartTlsBeforeEhlo_then503SendHelloFirst() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();

      assertThat(wire.send("STARTTLS")).isEqualTo("503 5.5.2 Send hello first");
    }
  }

  @Test
  void givenValidToken_whenXoauth2TwoLineForm_then235AuthenticationSuccessful() {
    String token = token(USER, SMTP_SEND);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2")).isEqualTo("334 ");
      assertThat(wire.send(SmtpWire.xoauth2(USER, token))).isEqualTo("235 2.7.0 Authentication successful");
    }
  }

  @Test
  void givenUnknownToken_whenXoauth2_then535Point7Point3WithoutJsonChallenge() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, "eyJ.not-issued")))
          .matches("535 5\\.7\\.3 Authentication unsuccessful \\[\\S+\\]");
    }
  }

  @Test
  void givenGraphToken_whenXoauth2_then535Point7Point3() {
    String graph = token(USER, "https://graph.microsoft.com/Mail.Send");
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, graph))).startsWith("535 5.7.3 ");
    }
  }

  @Test
  void givenAppOnlyOutlookToken_whenXoauth2ForAnyMailbox_thenAccepted() {
    String appOnly = token(Emulators.CLIENT, "https://outlook.office365.com/.default");
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2("shared@contoso.example", appOnly)))
          .isEqualTo("235 2.7.0 Authentication successful");
    }
  }

  @Test
  void givenExchange_whenAuthLoginWithPassword_then535BasicAuthenticationDisabled() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
      assertThat(wire.send(SmtpWire.b64(USER))).isEqualTo("334 UGFzc3dvcmQ6");
      assertThat(wire.send(SmtpWire.b64("password"))).startsWith(
          "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.");
      assertThat(smtp.authAttempts()).singleElement().satisfies(a -> {
        assertThat(a.user()).isEqualTo(USER);
        assertThat(a.token()).isEmpty();
      });
    }
  }

  @Test
  void givenExchange_whenOauthBearer_then504NotOffered() {
    String token = token(USER, SMTP_SEND);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH OAUTHBEARER " + SmtpWire.oauthBearer(USER, token, smtp.port())))
          .isEqualTo("504 5.7.4 Unrecognized authentication type");
    }
  }

  @Test
  void givenSmtpAuthDisabledForMailbox_whenValidXoauth2_then535Point7Point139Mailbox() {
    smtp.disableSmtpAuth("Alice@Contoso.example");
    String token = token(USER, SMTP_SEND);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith(
          "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.");
    }
  }

  @Test
  void givenSmtpAuthDisabledForTenant_whenValidXoauth2_then535Point7Point139Tenant() {
    smtp.disableSmtpAuthForTenant();
    String token = token(USER, SMTP_SEND);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith(
          "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.");
    }
  }

  @Test
  void givenThreeAuthenticatedSessions_whenFourthAuthenticates_then432ConcurrentConnectionsLimit() {
    String token = token(USER, SMTP_SEND);
    List<SmtpWire> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(authenticated(USER, token));
      }
      SmtpWire fourth = SmtpWire.plain(smtp);
      open.add(fourth);
      fourth.handshake(smtp);

      assertThat(fourth.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token)))
          .startsWith("432 4.3.2 Concurrent connections limit exceeded.");
      assertThat(smtp.activeConnections()).isEqualTo(4);
    } finally {
      open.forEach(SmtpWire::close);
    }
  }

  @Test
  void givenThreeSessionsAndOneQuits_whenAnotherAuthenticates_thenAccepted() {
    String token = token(USER, SMTP_SEND);
    List<SmtpWire> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(authenticated(USER, token));
      }
      open.get(0).send("QUIT");

      open.add(authenticated(USER, token));
    } finally {
      open.forEach(SmtpWire::close);
    }
  }

  @Test
  void givenDailyLimitReached_whenDataEnds_then554SubmissionQuotaExceeded() {
    smtp.dailyLimit(USER, 1);
    try (SmtpWire wire = authenticated(USER, token(USER, SMTP_SEND))) {
      send(wire);

      wire.send("MAIL FROM:<" + USER + ">");
      wire.send("RCPT TO:<bob@example.org>");
      wire.send("DATA");
      assertThat(wire.send("Subject: two\r\n\r\nbody\r\n.")).startsWith(
          "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException");
      assertThat(smtp.messages()).hasSize(1);
    }
  }

  @Test
  void givenAuthenticated_whenMessageSent_then250WithMessageId() {
    try (SmtpWire wire = authenticated(USER, token(USER, SMTP_SEND))) {
      assertThat(send(wire)).matches("250 2\\.0\\.0 OK <\\S+@\\S+> \\[Hostname=\\S+\\]");
      assertThat(smtp.messages()).singleElement().extracting(ReceivedMessage::authenticatedUser).isEqualTo(USER);
    }
  }

  @Test
  void givenRejectedRecipient_whenRcptTo_then550Point1Point10RecipientNotFound() {
    smtp.rejectRecipient("nobody@example.org");
    try (SmtpWire wire = authenticated(USER, token(USER, SMTP_SEND))) {
      wire.send("MAIL FROM:<" + USER + ">");

      assertThat(wire.send("RCPT TO:<nobody@example.org>"))
          .isEqualTo("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup");
    }
  }

  private static String send(SmtpWire wire) {
    wire.send("MAIL FROM:<" + USER + ">");
    wire.send("RCPT TO:<bob@example.org>");
    wire.send("DATA");
    return wire.send("Subject: one\r\n\r\nbody\r\n.");
  }
}
