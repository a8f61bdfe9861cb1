package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every listing and error: no secret the emulator issued (nor the client secret) reaches output or logs. */
class SecretsNeverPrintedTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    cli.authorize();
    cli.run("token", CliFixture.USER, "--renew");
    logs.forbidAll(cli.provider::issuedSecrets);
    logs.forbid(CliFixture.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenStoredAccount_whenListingAndShowing_thenNoSecretInOutput() {
    List<CliRun> runs = List.of(cli.run("accounts", "list"), cli.run("accounts", "list", "--json"),
        cli.run("accounts", "show", CliFixture.USER), cli.run("accounts", "show", CliFixture.USER, "--json"),
        cli.run("apps", "list"), cli.run("apps", "list", "--json"), cli.run("doctor", "--offline"),
        cli.run("--verbose", "token", "nobody@example.com"), cli.run("revoke", CliFixture.USER));

    for (CliRun r : runs) {
      for (String secret : cli.provider.issuedSecrets()) {
        assertThat(r.all()).as("output of a run").doesNotContain(secret);
      }
      assertThat(r.all()).doesNotContain(CliFixture.CLIENT_SECRET);
    }
    assertThat(runs.get(0).out()).contains(CliFixture.USER);
    assertThat(runs.get(4).out()).contains("test");
  }
}
