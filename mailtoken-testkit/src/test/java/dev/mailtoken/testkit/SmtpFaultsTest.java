package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault injection, the Gmail daily limit, counters and concurrent sessions. */
class SmtpFaultsTest {
  private static final String USER = "alice@example.com";

  private final TestClock clock = TestClock.at(Emulators.START);
  private final ProviderEmulator provider = Emulators.started(
      ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock));
  private final SmtpEmulator smtp = SmtpEmulator.builder(provider).start();
  private final String token = provider.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));

  @AfterEach
  void close() {
    smtp.close();
    provider.close();
  }

  private SmtpWire authenticated() {
    SmtpWire wire = SmtpWire.plain(smtp);
    wire.handshake(smtp);
    assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith("235 ");
    return wire;
  }

  private static String send(SmtpWire wire) {
    String mail = wire.send("MAIL FROM:<" + USER + ">");
    if (!mail.startsWith("250")) {
      return mail;
    }
    wire.send("RCPT TO:<bob@example.org>");
    wire.send("DATA");
    return wire.send("Subject: hi\r\n\r\nbody\r\n.");
  }

  @Test
  void givenDropAfterAuthOnce_whenAuthenticated_then235ThenConnectionClosed() {
    smtp.faults().dropAfterAuth(1);
    try (SmtpWire wire = authenticated()) {
      assertThat(wire.closedByServer()).isTrue();
    }
    try (SmtpWire second = authenticated()) {
      assertThat(second.send("NOOP")).startsWith("250 2.0.0 OK");
    }
  }

  @Test
  void givenSlowReplies_whenCommandSent_thenReplyArrivesNoSoonerThanTheDelay() {
    try (SmtpWire wire = authenticated()) {
      smtp.faults().slowReplies(Duration.ofMillis(300));
      long start = System.nanoTime();

      wire.send("NOOP");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void givenCloseExpiredSessionsAndTokenExpired_whenNextCommand_then421AndClosed() {
    smtp.faults().closeExpiredSessions(true);
    try (SmtpWire wire = authenticated()) {
      clock.advance(Duration.ofHours(1));

      assertThat(wire.send("MAIL FROM:<" + USER + ">"))
          .matches("421 4\\.7\\.0 Try again later, closing connection\\. \\S+ - gsmtp");
      assertThat(wire.closedByServer()).isTrue();
    }
  }

  @Test
  void givenCloseExpiredSessionsOff_whenTokenExpired_thenSessionKeepsWorking() {
    try (SmtpWire wire = authenticated()) {
      clock.advance(Duration.ofHours(2));

      assertThat(send(wire)).startsWith("250 2.0.0 OK");
    }
  }

  @Test
  void givenDailyLimitReached_whenMailFrom_then550Point4Point5MultiLine() {
    smtp.dailyLimit(USER, 1);
    try (SmtpWire wire = authenticated()) {
      send(wire);

      assertThat(wire.send("MAIL FROM:<" + USER + ">")).matches(
          "550-5\\.4\\.5 Daily user sending limit exceeded\\. For more information on Gmail\n"
              + "550-5\\.4\\.5 sending limits go to\n"
              + "550 5\\.4\\.5  https://support\\.google\\.com/a/answer/166852 \\S+ - gsmtp");
    }
  }

  @Test
  void givenDailyLimitReached_when24HoursPass_thenSendingWorksAgain() {
    smtp.dailyLimit(USER, 1);
    try (SmtpWire wire = authenticated()) {
      send(wire);
      clock.advance(Duration.ofHours(24));

      assertThat(send(wire)).startsWith("250 2.0.0 OK");
    }
  }

  @Test
  void givenConnectionsAndMessages_whenCleared_thenRecordsAndCounterReset() {
    try (SmtpWire wire = authenticated()) {
      send(wire);
      assertThat(smtp.connectionCount()).isEqualTo(1);

      smtp.clear();

      assertThat(smtp.messages()).isEmpty();
      assertThat(smtp.authAttempts()).isEmpty();
      assertThat(smtp.connectionCount()).isZero();
      assertThat(smtp.activeConnections()).isEqualTo(1);
    }
  }

  @Test
  void givenTwentySessionsReleasedTogether_whenEachSendsOneMessage_thenAllCaptured() throws Exception {
    int n = 20;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        replies.add(threads.submit(() -> {
          start.await();
          try (SmtpWire wire = authenticated()) {
            return send(wire);
          }
        }));
      }
      start.countDown();
      for (Future<String> reply : replies) {
        assertThat(reply.get(10, TimeUnit.SECONDS)).startsWith("250 2.0.0 OK");
      }
      assertThat(smtp.messages()).hasSize(n);
      assertThat(smtp.connectionCount()).isEqualTo(n);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void givenOpenConnections_whenEmulatorClosed_thenClientsSeeTheConnectionClosed() {
    try (SmtpWire wire = authenticated()) {
      smtp.close();

      assertThat(wire.closedByServer()).isTrue();
    }
  }

  @Test
  void givenRejectedRecipient_whenRcptTo_then550Point1Point1AndTheSessionStaysUsable() {
    smtp.rejectRecipient("Nobody@Example.org");
    try (SmtpWire wire = authenticated()) {
      wire.send("MAIL FROM:<" + USER + ">");

      assertThat(wire.send("RCPT TO:<nobody@example.org>")).matches(
          "550-5\\.1\\.1 The email account that you tried to reach does not exist\\. Please try\n(550-5\\.1\\.1 .*\n){2}"
              + "550 5\\.1\\.1  https://support\\.google\\.com/mail/\\?p=NoSuchUser \\S+ - gsmtp");
      assertThat(wire.send("RCPT TO:<bob@example.org>")).startsWith("250 2.1.5");
      wire.send("DATA");
      assertThat(wire.send("Subject: hi\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 OK");
      assertThat(smtp.messages()).singleElement().extracting(ReceivedMessage::recipients)
          .isEqualTo(List.of("bob@example.org"));
    }
  }

  @Test
  void givenDocumentedFailureJson_whenBadXoauth2_thenChallengeIsThe401BearerMacJsonWithNewline() {
    smtp.faults().documentedFailureJson(true);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);

      String challenge = wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, "ya29.not-issued"));

      assertThat(challenge).startsWith("334 ").endsWith("vIn0K");
      assertThat(SmtpWire.decode(challenge.substring(4)))
          .isEqualTo("{\"status\":\"401\",\"schemes\":\"bearer mac\",\"scope\":\"" + Emulators.GMAIL + "\"}\n");
      assertThat(wire.send("")).startsWith("535-5.7.8");
    }
  }

  @Test
  void givenTooManyLoginAttemptsOnce_whenBadXoauth2AnsweredWithEmptyLine_then454ThenNext535() {
    smtp.faults().tooManyLoginAttempts(1);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);
      wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, "ya29.not-issued"));

      assertThat(wire.send("")).matches("454 4\\.7\\.0 Too many login attempts, please try again later\\. \\S+ - gsmtp");
      wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, "ya29.not-issued"));
      assertThat(wire.send("")).startsWith("535-5.7.8");
      assertThat(smtp.authAttempts()).extracting(AuthAttempt::finalReply)
          .satisfiesExactly(r -> assertThat(r).startsWith("454 4.7.0"), r -> assertThat(r).startsWith("535 5.7.8"));
    }
  }

  @Test
  void givenDropDuringAuthOnce_whenAuth_thenNoReplyConnectionClosedAndAttemptRecorded() {
    smtp.faults().dropDuringAuth(1);
    try (SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.handshake(smtp);
      wire.write("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token));

      assertThat(wire.closedByServer()).isTrue();
    }
    assertThat(smtp.authAttempts()).singleElement().satisfies(a -> {
      assertThat(a.accepted()).isFalse();
      assertThat(a.finalReply()).isEmpty();
      assertThat(a.token()).isEqualTo(token);
    });
    try (SmtpWire second = authenticated()) {
      assertThat(second.send("NOOP")).startsWith("250 2.0.0 OK");
    }
  }

  @Test
  void givenRefuseDataOnce_whenData_then552AndTheNextMessageIsAccepted() {
    smtp.faults().refuseData(1);
    try (SmtpWire wire = authenticated()) {
      wire.send("MAIL FROM:<" + USER + ">");
      wire.send("RCPT TO:<bob@example.org>");

      assertThat(wire.send("DATA")).startsWith("552 5.3.4");
      assertThat(send(wire)).startsWith("250 2.0.0 OK");
    }
    assertThat(smtp.messages()).hasSize(1);
  }

  @Test
  void givenOnlyOauthbearerAdvertised_whenEhloAndXoauth2_thenAuthLineListsItAndXoauth2Gets504() {
    try (SmtpEmulator only = SmtpEmulator.builder(provider).authMechanisms("PLAIN", "OAUTHBEARER").start();
        SmtpWire wire = SmtpWire.plain(only)) {
      String ehlo = wire.handshake(only);

      assertThat(ehlo).contains("250-AUTH PLAIN OAUTHBEARER").doesNotContain("XOAUTH2");
      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).startsWith("504 5.7.4");
      assertThat(wire.send("AUTH OAUTHBEARER " + SmtpWire.oauthBearer(USER, token, only.port()))).startsWith("235 ");
    }
  }

  @Test
  void givenExchangeStyleListingOauthbearer_whenOauthbearerAuth_thenAccepted() {
    ProviderEmulator microsoft = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).clock(clock));
    String outlook = microsoft.issueAccessToken(Emulators.CLIENT, USER, List.of("https://outlook.office.com/SMTP.Send"));
    try (SmtpEmulator exchange = SmtpEmulator.builder(microsoft).authMechanisms("OAUTHBEARER").start();
        SmtpWire wire = SmtpWire.plain(exchange)) {
      wire.handshake(exchange);

      assertThat(wire.send("AUTH OAUTHBEARER " + SmtpWire.oauthBearer(USER, outlook, exchange.port())))
          .startsWith("235 ");
    } finally {
      microsoft.close();
    }
  }
}
