package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken doctor}: each classic failure recognised and explained. */
class DoctorCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  @Test
  void givenHealthyAccount_whenDoctor_thenNoProblems() {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.authorize();

      CliRun r = cli.run("doctor", CliFixture.USER, "--refresh");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("[ok]      store", "refresh works", "local clock agrees", "no problems found");
    }
  }

  @Test
  void givenGmailSendOnlyToken_whenDoctor_thenExplainsSmtpNeedsFullScope() {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.importAccount("bob@example.com", List.of("https://www.googleapis.com/auth/gmail.send"));

      CliRun r = cli.run("doctor", "bob@example.com", "--offline");

      assertThat(r.out()).contains("gmail.send but not https://mail.google.com/", "--transport gmail-api");
    }
  }

  @Test
  void givenGoogleTestingStatus_whenTokenDiesAfterSevenDays_thenDoctorNamesTheTestingStatus() {
    try (CliFixture cli = new CliFixture(home, b -> b.mode(EmulatorMode.GOOGLE).defaultUser(CliFixture.USER)
        .testingStatus(true))) {
      cli.withDesktopApp().authorize();
      cli.clock.advance(Duration.ofDays(7).plusHours(1));

      CliRun r = cli.run("doctor", CliFixture.USER);

      assertThat(r.exitCode()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
      assertThat(r.out()).contains("about 7 days after consent", "\"Testing\"", "Publish app");
    }
  }

  @Test
  void givenLocalClockTenMinutesAhead_whenDoctor_thenReportsClockSkew() {
    try (CliFixture cli = new CliFixture(home, Instant.now().plus(Duration.ofMinutes(10)),
        b -> b.mode(EmulatorMode.GOOGLE).defaultUser(CliFixture.USER))) {
      cli.withDesktopApp();

      CliRun r = cli.run("doctor");

      assertThat(r.out()).contains("[problem] clock: the local clock is", "ahead of", "NTP");
    }
  }

  @Test
  void givenWrongKey_whenDoctor_thenKeyProblemAndConfigurationExit() {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.authorize();
      cli.env.put("MAILTOKEN_SECRET", Base64.getEncoder().encodeToString(new byte[32]));

      CliRun r = cli.run("doctor", "--offline");

      assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.CONFIGURATION.code(), ExitCode.FAILURE.code());
      assertThat(r.out()).containsIgnoringCase("key").contains("[problem]");
    }
  }

  @Test
  void givenMalformedKeyVariable_whenDoctor_thenStoreProblemAndConfigurationExit() {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.env.put("MAILTOKEN_SECRET", "not base64 at all!");

      CliRun r = cli.run("doctor", "--offline");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(r.out()).contains("[problem] store: cannot open the store", "MAILTOKEN_SECRET");
    }
  }
}
