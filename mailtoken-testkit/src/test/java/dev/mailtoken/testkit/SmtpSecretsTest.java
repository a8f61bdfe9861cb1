package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SMTP emulator and its records never reveal a token. */
class SmtpSecretsTest {
  private static final String USER = "alice@example.com";

  @Test
  void givenDebugLogging_whenSessionsAuthenticateAndFail_thenNoTokenInAnyLogLine() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.mailtoken.testkit");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    Level previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {
      String token = provider.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      try (SmtpWire wire = SmtpWire.plain(smtp)) {
        wire.handshake(smtp);
        wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2("bob@example.com", token));
        wire.send("");
        wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token));
        wire.send("QUIT");
      }
      smtp.close();

      List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
      assertThat(lines).anyMatch(line -> line.contains("SMTP emulator"));
      assertThat(smtp.authAttempts()).hasSize(2);
      for (String secret : provider.issuedSecrets()) {
        assertThat(lines).noneMatch(line -> line.contains(secret));
      }
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(previous);
    }
  }

  @Test
  void givenAuthAttempt_whenPrinted_thenTokenShownAsFingerprintOnly() {
    AuthAttempt attempt = new AuthAttempt("XOAUTH2", USER, "ya29.secret-token-value", false, "535 5.7.8");

    assertThat(attempt.toString()).doesNotContain("ya29.secret-token-value")
        .contains("token=" + TokenValues.fingerprint("ya29.secret-token-value"));
  }
}
