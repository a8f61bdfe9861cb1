package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's SMTP example, kept compiling and passing. */
class SmtpReadmeExampleTest {
  @Test
  void givenSmtpReadmeExample_whenRun_thenItWorksAsDocumented() {
    TestClock clock = TestClock.at(Instant.parse("2031-05-17T09:13:27.123Z"));
    try (ProviderEmulator provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).build().start();
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {   // GMAIL style, STARTTLS
      provider.registerClient(ClientRegistration.confidential("my-app", "my-secret")
          .redirectUri("http://127.0.0.1:8765/callback").build());
      String token = provider.issueAccessToken("my-app", "alice@example.com", List.of("https://mail.google.com/"));

      // Point the code under test at smtp.host():smtp.port(), trusting smtp.clientSslContext(); here, by hand:
      try (SmtpWire wire = SmtpWire.plain(smtp)) {
        wire.handshake(smtp);                                  // 220, EHLO, STARTTLS, EHLO
        assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2("alice@example.com", token)))
            .isEqualTo("235 2.7.0 Accepted");
        wire.send("MAIL FROM:<alice@example.com>");
        wire.send("RCPT TO:<bob@example.org>");
        wire.send("DATA");
        wire.send("Subject: hi\r\n\r\nHello\r\n.");
      }
      assertThat(smtp.messages()).singleElement().satisfies(m -> {
        assertThat(m.recipients()).containsExactly("bob@example.org");
        assertThat(m.text()).contains("Subject: hi");
      });

      clock.advance(Duration.ofHours(1));                      // the token is now expired
      smtp.faults().closeExpiredSessions(true);                // and sessions using it get 421 (T-C-07)
      assertThat(smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(true);
    }
  }
}
