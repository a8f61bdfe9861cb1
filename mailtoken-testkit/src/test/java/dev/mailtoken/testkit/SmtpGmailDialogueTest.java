package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gmail-style SMTP over STARTTLS: capabilities, TLS ordering, XOAUTH2/OAUTHBEARER success and failure dialogues. */
class SmtpGmailDialogueTest {
  private static final String USER = "alice@example.com";
  private static final String GMAIL_JSON = "{\"status\":\"400\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";

  private final TestClock clock = TestClock.at(Emulators.START);
  private final ProviderEmulator provider = Emulators.started(
      ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock));
  private final SmtpEmulator smtp = SmtpEmulator.builder(provider).start();

  @AfterEach
  void close() {
    smtp.close();
    provider.close();
  }

  private String token(String user, String... scopes) {
    return provider.issueAccessToken(Emulators.CLIENT, user, List.of(scopes));
  }

  @Test
  void givenGmailStyle_whenConnected_thenGmailGreeting() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      assertThat(wire.reply()).matches("220 smtp\\.gmail\\.com ESMTP \\S+ - gsmtp");
    }
  }

  @Test
  void givenStartTlsMode_whenEhloInTheClear_thenStartTlsOfferedAndNoAuth() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();
      String ehlo = wire.send("EHLO client.example");

      assertThat(ehlo).startsWith("250-smtp.gmail.com at your service, [127.0.0.1]\n")
          .contains("250-STARTTLS", "250-PIPELINING", "250-8BITMIME").doesNotContain("AUTH").endsWith("\n250 SMTPUTF8");
    }
  }

  @Test
  void givenNoTlsYet_whenAuth_then530MustIssueStartTls() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();
      wire.send("EHLO client.example");

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, "x")))
          .matches("530 5\\.7\\.0 Must issue a STARTTLS command first\\. \\S+ - gsmtp");
    }
  }

  @Test
  void givenNoTlsYet_whenMailFrom_then530MustIssueStartTls() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();
      wire.send("EHLO client.example");

      assertThat(wire.send("MAIL FROM:<" + USER + ">")).startsWith("530 5.7.0 Must issue a STARTTLS command first.");
    }
  }

  @Test
  void givenStartTls_whenEhloAgain_thenCapabilitiesReplacedWithAuth() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      String ehlo = wire.handshake(smtp);

      assertThat(wire.tls()).isTrue();
      assertThat(ehlo.split("\n")).containsExactly("250-smtp.gmail.com at your service, [127.0.0.1]",
          "250-SIZE 35882577", "250-8BITMIME", "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH",
          "250-ENHANCEDSTATUSCODES", "250-PIPELINING", "250-CHUNKING", "250 SMTPUTF8");
    }
  }

  @Test
  void givenValidToken_whenXoauth2WithInitialResponse_then235AndAttemptRecorded() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).isEqualTo("235 2.7.0 Accepted");
      assertThat(smtp.authAttempts()).containsExactly(new AuthAttempt("XOAUTH2", USER, token, true, "235 2.7.0 Accepted"));
    }
  }

  @Test
  void givenValidToken_whenXoauth2AfterEmptyChallenge_then235() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2")).isEqualTo("334 ");
      assertThat(wire.send(SmtpWire.xoauth2(USER, token))).isEqualTo("235 2.7.0 Accepted");
    }
  }

  @Test
  void givenValidToken_whenOauthBearerWithInitialResponse_then235() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH OAUTHBEARER " + SmtpWire.oauthBearer(USER, token, smtp.port())))
          .isEqualTo("235 2.7.0 Accepted");
      assertThat(smtp.authAttempts()).extracting(AuthAttempt::mechanism, AuthAttempt::user)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("OAUTHBEARER", USER));
    }
  }

  @Test
  void givenValidToken_whenOauthBearerAfterEmptyChallenge_then235() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH OAUTHBEARER")).isEqualTo("334 ");
      assertThat(wire.send(SmtpWire.oauthBearer(USER, token, smtp.port()))).isEqualTo("235 2.7.0 Accepted");
    }
  }

  @Test
  void givenOauthBearerWithoutAuthzid_whenValidToken_thenAcceptedAsTheTokensUser() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH OAUTHBEARER " + SmtpWire.b64("n,,\u0001auth=Bearer " + token + "\u0001\u0001")))
          .isEqualTo("235 2.7.0 Accepted");
      wire.send("MAIL FROM:<" + USER + ">");
      wire.send("RCPT TO:<bob@example.org>");
      wire.send("DATA");
      wire.send("Subject: x\r\n\r\ny\r\n.");
      assertThat(smtp.messages()).singleElement().extracting(ReceivedMessage::authenticatedUser).isEqualTo(USER);
    }
  }

  @Test
  void givenPassword_whenAuthPlain_then535BadCredentials() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH PLAIN " + SmtpWire.b64("\u0000" + USER + "\u0000password")))
          .startsWith("535-5.7.8 Username and Password not accepted.");
    }
  }

  @Test
  void givenUnknownToken_whenXoauth2_then334JsonChallengeThen535AfterEmptyLine() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      String challenge = wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, "ya29.not-issued"));
      assertThat(challenge).startsWith("334 ");
      assertThat(SmtpWire.decode(challenge.substring(4))).isEqualTo(GMAIL_JSON);
      String failure = wire.send("");
      assertThat(failure).matches("535-5\\.7\\.8 Username and Password not accepted\\. For more information, go to\n"
          + "535 5\\.7\\.8  https://support\\.google\\.com/mail/\\?p=BadCredentials \\S+ - gsmtp");
      assertThat(smtp.authAttempts()).singleElement().satisfies(a -> {
        assertThat(a.accepted()).isFalse();
        assertThat(a.finalReply()).startsWith("535 5.7.8  https://support.google.com/mail/?p=BadCredentials");
      });
    }
  }

  @Test
  void givenUnknownToken_whenOauthBearer_thenInvalidTokenChallengeThen535AfterCtrlA() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      String challenge = wire.send("AUTH OAUTHBEARER " + SmtpWire.oauthBearer(USER, "ya29.not-issued", smtp.port()));
      assertThat(challenge).startsWith("334 ");
      assertThat(SmtpWire.decode(challenge.substring(4))).contains("\"status\":\"invalid_token\"")
          .contains("\"scope\":\"https://mail.google.com/\"");
      assertThat(wire.send("AQ==")).startsWith("535-5.7.8 Username and Password not accepted.");
    }
  }

  @Test
  void givenExpiredToken_whenXoauth2_thenRejected() {
    String token = token(USER, Emulators.GMAIL);
    clock.advance(Duration.ofHours(1));
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith("334 ");
      assertThat(wire.send("")).startsWith("535-5.7.8");
    }
  }

  @Test
  void givenTokenOfAnotherUser_whenXoauth2_thenRejected() {
    String token = token("bob@example.com", Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith("334 ");
      assertThat(wire.send("")).startsWith("535-5.7.8");
    }
  }

  @Test
  void givenUserNamedInOtherCase_whenXoauth2_thenAccepted() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2("Alice@Example.COM", token))).startsWith("235 ");
    }
  }

  @Test
  void givenGmailSendScopeOnly_whenXoauth2_thenRejected() {
    String token = token(USER, "https://www.googleapis.com/auth/gmail.send");
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith("334 ");
      assertThat(wire.send("")).startsWith("535-5.7.8");
    }
  }

  @Test
  void givenZeroLengthInitialResponse_whenXoauth2_thenRejectedLikeABadToken() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 =")).startsWith("334 ey");
      assertThat(wire.send("")).startsWith("535-5.7.8");
    }
  }

  @Test
  void givenClientCancels_whenXoauth2Challenge_then501AndNotAuthenticated() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);
      wire.send("AUTH XOAUTH2");

      assertThat(wire.send("*")).startsWith("501 5.7.0 Authentication cancelled.");
      assertThat(wire.send("MAIL FROM:<" + USER + ">")).startsWith("530-5.7.0 Authentication Required.");
    }
  }

  @Test
  void givenNotBase64_whenXoauth2_then501() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("AUTH XOAUTH2 not*base64")).startsWith("501 5.5.2 Cannot Decode response.");
    }
  }

  @Test
  void givenNoAuth_whenMailFrom_then530AuthenticationRequired() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("MAIL FROM:<" + USER + ">")).startsWith("530-5.7.0 Authentication Required.")
          .contains("\n530 5.7.0  https://support.google.com/mail/?p=WantAuthError");
    }
  }

  @Test
  void givenAuthenticated_whenMessageSent_thenCapturedAnd250OkWithEpoch() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);
      wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token));

      assertThat(wire.send("MAIL FROM:<" + USER + "> BODY=8BITMIME")).startsWith("250 2.1.0 OK");
      assertThat(wire.send("RCPT TO:<bob@example.org>")).startsWith("250 2.1.5 OK");
      assertThat(wire.send("RCPT TO:<carol@example.org>")).startsWith("250 2.1.5 OK");
      assertThat(wire.send("DATA")).startsWith("354 Go ahead");
      wire.write("Subject: hi\r\n\r\n..leading dot\r\nline two\r\n.");
      assertThat(wire.reply()).matches("250 2\\.0\\.0 OK  " + Emulators.START.getEpochSecond() + " \\S+ - gsmtp");

      assertThat(smtp.messages()).singleElement().satisfies(m -> {
        assertThat(m.authenticatedUser()).isEqualTo(USER);
        assertThat(m.mechanism()).isEqualTo("XOAUTH2");
        assertThat(m.envelopeFrom()).isEqualTo(USER);
        assertThat(m.recipients()).containsExactly("bob@example.org", "carol@example.org");
        assertThat(m.text()).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\nline two\r\n");
        assertThat(m.receivedAt()).isEqualTo(Emulators.START);
      });
    }
  }

  @Test
  void givenChunking_whenMessageSentWithTwoBdatChunks_thenCapturedVerbatim() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);
      wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token));
      wire.send("MAIL FROM:<" + USER + ">");
      wire.send("RCPT TO:<bob@example.org>");

      wire.write("BDAT 18\r\nSubject: hi\r\n\r\n."); // write() appends CRLF: 18 octets
      assertThat(wire.reply()).startsWith("250 2.0.0 OK 18 octets received");
      wire.write("BDAT 6 LAST\r\nbody");
      assertThat(wire.reply()).startsWith("250 2.0.0 OK  ");

      assertThat(smtp.messages()).singleElement().extracting(ReceivedMessage::text)
          .isEqualTo("Subject: hi\r\n\r\n.\r\nbody\r\n");
    }
  }

  @Test
  void givenPipelinedCommands_whenSentInOneWrite_thenEachAnsweredInOrder() {
    String token = token(USER, Emulators.GMAIL);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);
      wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token));

      wire.write("MAIL FROM:<" + USER + ">\r\nRCPT TO:<bob@example.org>\r\nDATA");

      assertThat(wire.reply()).startsWith("250 2.1.0");
      assertThat(wire.reply()).startsWith("250 2.1.5");
      assertThat(wire.reply()).startsWith("354");
    }
  }

  @Test
  void givenQuit_whenSent_then221AndClosed() {
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      assertThat(wire.send("QUIT")).startsWith("221 2.0.0 closing connection");
      assertThat(wire.closedByServer()).isTrue();
    }
  }
}
