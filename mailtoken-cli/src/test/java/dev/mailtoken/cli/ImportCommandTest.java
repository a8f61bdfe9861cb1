package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken import}: a token from elsewhere is checked by one refresh before it is stored. */
class ImportCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenLiveRefreshTokenInEnv_whenImported_thenStoredAndUsable() {
    cli.env.put("RT", cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, "bob@example.com",
        List.of("https://mail.google.com/")));

    CliRun r = cli.run("import", "bob@example.com", "--app", "test", "--refresh-token-env", "RT");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported bob@example.com");
    assertThat(cli.run("token", "bob@example.com").exitCode()).isZero();
  }

  @Test
  void givenDeadRefreshToken_whenImported_thenClearErrorAndNothingStored() throws Exception {
    String rt = cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, "bob@example.com",
        List.of("https://mail.google.com/"));
    cli.provider.revoke(rt);
    Path file = Files.writeString(home.resolve("rt.txt"), rt + "\n");

    CliRun r = cli.run("import", "bob@example.com", "--app", "test", "--refresh-token-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("refresh token is dead", "invalid_grant", "nothing was stored");
    assertThat(cli.run("accounts", "list").err()).contains("no accounts");
  }

  @Test
  void givenTokenTypedAtPrompt_whenImported_thenStored() {
    String rt = cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, "bob@example.com",
        List.of("https://mail.google.com/"));
    cli.secretReader = prompt -> Optional.of(rt);

    CliRun r = cli.run("import", "bob@example.com", "--app", "test");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void givenNoTokenSourceAndNoTerminal_whenImported_thenUsageErrorNamingTheOptions() {
    CliRun r = cli.run("import", "bob@example.com", "--app", "test");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--refresh-token-file", "--refresh-token-env");
  }
}
