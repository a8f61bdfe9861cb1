package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SMTP emulator and its records never reveal a token. */
class SmtpSecretsTest {
  private static final String USER = "alice@example.com";

  @Test
  void givenDebugLogging_whenSessionsAuthenticateAndFail_thenNoTokenInAnyLogLine() {
    try (DebugLog log = new DebugLog();
        ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
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

      List<String> lines = log.lines();
      assertThat(lines).anyMatch(line -> line.contains("SMTP emulator"));
      assertThat(smtp.authAttempts()).hasSize(2);
      for (String secret : provider.issuedSecrets()) {
        assertThat(lines).noneMatch(line -> line.contains(secret));
      }
    }
  }

  @Test
  void givenAuthAttempt_whenPrinted_thenTokenShownAsFingerprintOnly() {
    AuthAttempt attempt = new AuthAttempt("XOAUTH2", USER, "ya29.secret-token-value", false, "535 5.7.8");

    assertThat(attempt.toString()).doesNotContain("ya29.secret-token-value")
        .contains("token=" + TokenValues.fingerprint("ya29.secret-token-value"));
  }
}
