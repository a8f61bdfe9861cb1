package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apps add|list|remove} and {@code accounts list|show|remove}: the bookkeeping verbs. */
class AppsAndAccountsCommandTest {
  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenSecretFile_whenAppAdded_thenListedWithFingerprintOnly() throws Exception {
    Path secret = Files.writeString(home.resolve("secret.txt"), "file-secret-value\n");

    CliRun add = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "id-1",
        "--client-secret-file", secret.toString());

    assertThat(add.exitCode()).as(add.toString()).isZero();
    CliRun list = cli.run("apps", "list");
    assertThat(list.out()).contains("g", "google", "id-1").doesNotContain("file-secret-value");
  }

  @Test
  void givenPromptedSecret_whenAppAdded_thenStored() {
    cli.secretReader = prompt -> Optional.of("typed-secret");

    CliRun add = cli.run("apps", "add", "m", "--provider", "microsoft", "--tenant", "contoso.onmicrosoft.com",
        "--client-id", "id-2");

    assertThat(add.exitCode()).as(add.toString()).isZero();
    assertThat(cli.run("apps", "list", "--json").out()).contains("\"tenant\" : \"contoso.onmicrosoft.com\"",
        "SMTP.Send").doesNotContain("typed-secret");
  }

  @Test
  void givenCustomProviderWithoutTokenEndpoint_whenAppAdded_thenUsageErrorNamingIt() {
    CliRun add = cli.run("apps", "add", "c", "--provider", "custom", "--client-id", "x", "--public");

    assertThat(add.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(add.err()).contains("--token-endpoint");
  }

  @Test
  void givenExistingName_whenAppAddedAgain_thenConfigurationExit() {
    cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x", "--public");

    CliRun again = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x", "--public");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
  }

  @Test
  void givenAppWithAccount_whenRemoved_thenRefusedUntilAccountRemoved() {
    cli.withDesktopApp().authorize();

    CliRun refused = cli.run("apps", "remove", "test");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(refused.err()).contains(CliFixture.USER);

    assertThat(cli.run("accounts", "remove", CliFixture.USER).out()).contains("removed account");
    assertThat(cli.run("apps", "remove", "test").exitCode()).isZero();
    assertThat(cli.run("apps", "list").err()).contains("no apps yet");
  }

  @Test
  void givenAccount_whenListedAsJson_thenStatusExpiryAndScopes() {
    cli.withDesktopApp().authorize();

    CliRun r = cli.run("accounts", "list", "--json");

    assertThat(r.out()).contains("\"address\" : \"alice@example.com\"", "\"status\" : \"healthy\"",
        "\"access_token_expires_at\"", "https://mail.google.com/", "\"has_refresh_token\" : true");
  }

  @Test
  void givenUnknownAccount_whenShown_thenConfigurationExitWithHint() {
    cli.addApp("test");
    CliRun r = cli.run("accounts", "show", "ghost@example.com");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("hint: ");
  }
}
