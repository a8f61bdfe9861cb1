package dev.mailtoken.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.SmtpEmulator;
import dev.mailtoken.testkit.TestClock;
import java.time.Duration;
import java.util.List;

/**
 * The Java blocks of mailtoken-testkit/README.md that no testkit test holds word for word, compiled
 * with what they use declared around them (ReadmeSnippetsTest keeps them identical to the README).
 * The first block is a copy inside the testkit's own ReadmeExampleTest, where it also runs;
 * SmtpReadmeExampleTest runs a fuller version of the SMTP block.
 */
final class TestkitReadmeSnippets {
  private TestkitReadmeSnippets() {
  }

  static void faultInjection(ProviderEmulator emulator) {
    // snippet: mailtoken-testkit/README.md
    emulator.faults()
        .next(Endpoint.TOKEN, Fault.connectionReset())          // the next request only
        .next(Endpoint.TOKEN, 2, Fault.tooManyRequests(Duration.ofSeconds(30)))
        .always(Endpoint.REVOKE, Fault.status(503, "{}"));     // until cleared
    emulator.faults().clear(Endpoint.REVOKE);
    emulator.faults().clear();
    // end snippet
  }

  static void smtpEmulator(TestClock clock) {
    // snippet: mailtoken-testkit/README.md
    try (ProviderEmulator provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).build().start();
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {   // GMAIL style, STARTTLS
      provider.registerClient(ClientRegistration.confidential("my-app", "my-secret")
          .redirectUri("http://127.0.0.1:8765/callback").build());
      String token = provider.issueAccessToken("my-app", "alice@example.com", List.of("https://mail.google.com/"));
      // point the code under test at smtp.host():smtp.port(), trusting smtp.clientSslContext(); then:
      assertThat(smtp.messages()).singleElement()
          .satisfies(m -> assertThat(m.recipients()).containsExactly("bob@example.org"));
      assertThat(smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(true);
    }
    // end snippet
  }
}
