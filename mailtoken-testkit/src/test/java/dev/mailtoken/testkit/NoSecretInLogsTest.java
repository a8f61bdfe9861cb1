package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoSecretInLogsTest {

  @Test
  void givenDebugLogging_whenFullFlowRuns_thenNoIssuedSecretAppearsInAnyLogLine() {
    Http http = new Http();
    try (DebugLog log = new DebugLog();
        ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GENERIC)
            .rotation(RotationPolicy.ROTATE_REUSE_DETECTION))) {
      String code = Emulators.code(http, emulator, "scope", GMAIL);
      String rt = Http.json(Emulators.exchange(http, emulator, code)).get("refresh_token").asText();
      Emulators.refresh(http, emulator, rt);
      Emulators.refresh(http, emulator, rt); // reuse: revokes the family, logged at INFO
      emulator.createServiceAccount("robot@example.com", Set.of());

      List<String> lines = log.lines();
      assertThat(lines).isNotEmpty();
      for (String secret : emulator.issuedSecrets()) {
        assertThat(lines).noneMatch(line -> line.contains(secret));
      }
    }
  }
}
