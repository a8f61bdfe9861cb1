package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The hint after a dead refresh token is a command to run as it is: the account's real app, not {@code APP}. */
class ReauthorizationHintTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
    cli.withDesktopApp();
    cli.authorize();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenRevokedGrant_whenRenewing_thenTheHintNamesTheAccountsApp() {
    cli.provider.revokeUser(CliFixture.USER);

    CliRun r = cli.run("token", "--renew", CliFixture.USER);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("hint: a person must consent again: mailtoken authorize --app test --account "
        + CliFixture.USER).doesNotContain("--app APP");
  }
}
