package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NoSecretInLogsTest {

  @Test
  void givenDebugLogging_whenFullFlowRuns_thenNoIssuedSecretAppearsInAnyLogLine() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.mailtoken.testkit");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    Level previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    Http http = new Http();
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GENERIC)
        .rotation(RotationPolicy.ROTATE_REUSE_DETECTION))) {
      String code = Emulators.code(http, emulator, "scope", GMAIL);
      String rt = Http.json(Emulators.exchange(http, emulator, code)).get("refresh_token").asText();
      Emulators.refresh(http, emulator, rt);
      Emulators.refresh(http, emulator, rt); // reuse: revokes the family, logged at INFO
      emulator.createServiceAccount("robot@example.com", Set.of());

      List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
      assertThat(lines).isNotEmpty();
      for (String secret : emulator.issuedSecrets()) {
        assertThat(lines).noneMatch(line -> line.contains(secret));
      }
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(previous);
    }
  }
}
