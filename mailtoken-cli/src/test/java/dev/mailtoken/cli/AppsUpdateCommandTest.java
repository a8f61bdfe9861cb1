package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apps update NAME}: a new client secret (file, variable, prompt; never argv), endpoints,
 * SMTP server or scopes, changed in place; the accounts using the app stay attached and keep their
 * grants.
 */
class AppsUpdateCommandTest {
  private static final String NEW_SECRET = "GOCSPX-rotated-client-secret";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    logs.forbid(NEW_SECRET);
    cli = CliFixture.google(home);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenAuthorizedAccount_whenTheSecretIsUpdatedFromAFile_thenTheAccountStaysAndRefreshesWithTheNewSecret()
      throws Exception {
    cli.withDesktopApp();
    cli.authorize();
    logs.forbidAll(cli.provider::issuedSecrets);
    cli.provider.registerClient(ClientRegistration.desktop(CliFixture.CLIENT_ID, NEW_SECRET)
        .redirectUri("http://127.0.0.1/callback").build());
    Path file = Files.writeString(home.resolve("new-secret.txt"), NEW_SECRET + "\n");

    CliRun r = cli.run("apps", "update", "test", "--client-secret-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("client secret " + Secret.of(NEW_SECRET).fingerprint(),
        "still used by " + CliFixture.USER);
    assertThat(r.all()).doesNotContain(NEW_SECRET);
    CliRun token = cli.run("token", CliFixture.USER, "--renew");
    assertThat(token.exitCode()).as(token.toString()).isZero();
  }

  @Test
  void givenAppWithAnAccount_whenTheSmtpServerIsUpdated_thenSendGoesToTheNewServer() {
    cli.withDesktopApp("--smtp-host", "smtp.example.invalid", "--smtp-port", "2525");
    cli.authorize();

    CliRun r = cli.run(concat(new String[] {"apps", "update", "test"}, cli.smtpArgs()));
    CliRun sent = cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", "s",
        "--text", "t");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("SMTP server " + cli.smtp().host() + ":" + cli.smtp().port());
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenPlainHttpEndpointOffLoopback_whenUpdating_thenUsageErrorAndTheAppIsUnchanged() {
    cli.withDesktopApp();
    String before = cli.run("apps", "list", "--json").out();

    CliRun r = cli.run("apps", "update", "test", "--token-endpoint", "http://oauth.example.test/token");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--token-endpoint http://oauth.example.test/token is refused");
    assertThat(cli.run("apps", "list", "--json").out()).isEqualTo(before);
  }

  @Test
  void givenNewScopes_whenUpdated_thenTheAppAsksForThemAndANoteSaysHowToGrantThem() {
    cli.withDesktopApp();
    cli.authorize();

    CliRun r = cli.run("apps", "update", "test", "--scope", "https://mail.google.com/", "--scope", "openid");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.run("apps", "list").out()).contains("https://mail.google.com/ openid");
    assertThat(r.err()).contains("note: accounts keep the scopes they consented to",
        "mailtoken authorize --app test --account " + CliFixture.USER);
    assertThat(cli.run("accounts", "list").out()).contains(CliFixture.USER);
  }

  @Test
  void givenPromptFlag_whenUpdating_thenTheTypedSecretIsStored() {
    cli.withDesktopApp();
    cli.secretReader = prompt -> Optional.of(NEW_SECRET);

    CliRun r = cli.run("apps", "update", "test", "--client-secret-prompt");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.run("apps", "list").out()).contains(Secret.of(NEW_SECRET).fingerprint());
  }

  @Test
  void givenPublicFlag_whenUpdating_thenTheSecretIsRemoved() {
    cli.withDesktopApp();

    CliRun r = cli.run("apps", "update", "test", "--public");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("client secret removed (public client)");
    assertThat(cli.run("apps", "list").out()).contains("(public)");
  }

  @Test
  void givenNothingToChange_whenUpdating_thenUsageError() {
    cli.withDesktopApp();

    CliRun r = cli.run("apps", "update", "test");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("apps update test needs something to change");
  }

  @Test
  void givenUnknownApp_whenUpdating_thenConfigurationError() {
    cli.withDesktopApp();

    CliRun r = cli.run("apps", "update", "nope", "--smtp-port", "465");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("no app named \"nope\"");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
