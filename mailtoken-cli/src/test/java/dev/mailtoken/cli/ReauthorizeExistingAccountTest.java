package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account parked by {@code invalid_grant} comes back with {@code authorize} or
 * {@code import --replace}, without removing it: the grant is replaced, the state cleared, the
 * history (created, version) kept.
 */
class ReauthorizeExistingAccountTest {
  private static final List<String> MAIL = List.of("https://mail.google.com/");

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

  /** The user revokes access; the next refresh gets invalid_grant and parks the account. */
  private void parkAccount() {
    cli.provider.revokeUser(CliFixture.USER);
    cli.clock.advance(Duration.ofHours(2));
    CliRun dead = cli.run("token", CliFixture.USER);
    assertThat(dead.exitCode()).as(dead.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(cli.run("accounts", "show", CliFixture.USER).out()).contains("reauthorization required");
  }

  private String line(String out, String label) {
    return out.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
  }

  @Test
  void givenParkedAccount_whenAuthorizedAgain_thenHealthyWithItsHistoryKept() {
    cli.authorize();
    String created = line(cli.run("accounts", "show", CliFixture.USER).out(), "created:");
    parkAccount();

    CliRun r = cli.run("authorize", "--app", "test", "--account", CliFixture.USER, "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("re-authorized " + CliFixture.USER);
    String shown = cli.run("accounts", "show", CliFixture.USER).out();
    assertThat(shown).contains("status:         healthy").doesNotContain("last error");
    assertThat(line(shown, "created:")).isEqualTo(created);
    assertThat(cli.run("token", CliFixture.USER, "--renew").exitCode()).isZero();
  }

  @Test
  void givenWebClientAndExistingAccount_whenAuthorizedAgainWithoutForceConsent_thenConsentIsAskedAgainAndTheGrantReplaced()
      throws Exception {
    int port = AuthorizeCommandTest.freePort();
    try (CliFixture web = CliFixture.google(home.resolve("web"))) {
      web.provider.registerClient(ClientRegistration.confidential(CliFixture.CLIENT_ID, CliFixture.CLIENT_SECRET)
          .redirectUri("http://127.0.0.1:" + port + "/callback").build());
      web.addApp("test");
      web.authorize("--port", Integer.toString(port));

      CliRun again = web.run("authorize", "--app", "test", "--account", CliFixture.USER, "--port",
          Integer.toString(port), "--timeout", "20s");

      assertThat(again.exitCode()).as(again.toString()).isZero();
      assertThat(again.out()).contains("re-authorized " + CliFixture.USER);
      assertThat(again.err()).contains("already stored", "consent screen");
    }
  }

  @Test
  void givenParkedAccount_whenImportedWithReplace_thenHealthyWithItsHistoryKept() {
    cli.importAccount(CliFixture.USER, MAIL);
    String created = line(cli.run("accounts", "show", CliFixture.USER).out(), "created:");
    parkAccount();
    cli.env.put("RT", cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, CliFixture.USER, MAIL));

    CliRun r = cli.run("import", CliFixture.USER, "--app", "test", "--refresh-token-env", "RT", "--replace");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("replaced the grant of " + CliFixture.USER);
    String shown = cli.run("accounts", "show", CliFixture.USER).out();
    assertThat(shown).contains("status:         healthy").doesNotContain("last error");
    assertThat(line(shown, "created:")).isEqualTo(created);
    assertThat(cli.run("token", CliFixture.USER, "--renew").exitCode()).isZero();
  }

  @Test
  void givenAccountInTheSharedBackoff_whenImportedWithReplace_thenTheBackoffIsClearedAndTheNewGrantRefreshesAtOnce() {
    cli.importAccount(CliFixture.USER, MAIL);
    cli.provider.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(Duration.ofSeconds(600)));
    CliRun backingOff = cli.run("token", CliFixture.USER, "--renew");
    assertThat(backingOff.exitCode()).as(backingOff.toString()).isEqualTo(ExitCode.TRANSIENT.code());
    assertThat(cli.run("accounts", "show", CliFixture.USER).out()).contains("next attempt:");
    cli.env.put("RT", cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, CliFixture.USER, MAIL));

    CliRun r = cli.run("import", CliFixture.USER, "--app", "test", "--refresh-token-env", "RT", "--replace");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.run("accounts", "show", CliFixture.USER).out()).doesNotContain("next attempt:", "failures:");
    CliRun renewed = cli.run("token", CliFixture.USER, "--renew");
    assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
  }

  @Test
  void givenExistingAccount_whenImportedWithoutReplace_thenRefusedNamingReplace() {
    cli.importAccount(CliFixture.USER, MAIL);
    cli.env.put("RT", cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, CliFixture.USER, MAIL));

    CliRun r = cli.run("import", CliFixture.USER, "--app", "test", "--refresh-token-env", "RT");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("already exists", "--replace");
  }

  @Test
  void givenDeadToken_whenImportedWithReplace_thenTheOldGrantIsKept() {
    cli.importAccount(CliFixture.USER, MAIL);
    String rt = cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, CliFixture.USER, MAIL);
    cli.provider.revoke(rt);
    cli.env.put("RT", rt);

    CliRun r = cli.run("import", CliFixture.USER, "--app", "test", "--refresh-token-env", "RT", "--replace");

    assertThat(r.exitCode()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("nothing was stored");
    assertThat(cli.run("token", CliFixture.USER, "--renew").exitCode()).isZero();
  }
}
