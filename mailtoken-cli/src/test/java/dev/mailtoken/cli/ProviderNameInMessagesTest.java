package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed refresh of an OIDC app's account names the provider by the app's name, not the issuer's host. */
class ProviderNameInMessagesTest {
  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.GENERIC).defaultUser(CliFixture.USER));
    cli.provider.registerClient(ClientRegistration.confidential(CliFixture.CLIENT_ID, CliFixture.CLIENT_SECRET)
        .redirectUri("http://127.0.0.1/callback").build());
    List<String> add = new ArrayList<>(List.of("apps", "add", "sso", "--provider", "oidc", "--issuer",
        cli.provider.issuer().toString(), "--client-id", CliFixture.CLIENT_ID, "--client-secret-env", "CLIENT_SECRET",
        "--scope", "mail.send"));
    add.addAll(List.of(cli.smtpArgs()));
    assertThat(cli.run(add.toArray(String[]::new)).exitCode()).isZero();
    assertThat(cli.run("authorize", "--app", "sso", "--account", CliFixture.USER, "--timeout", "20s").exitCode())
        .isZero();
    cli.provider.revokeUser(CliFixture.USER);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenDeadGrant_whenToken_thenTheMessageNamesTheApp() {
    CliRun r = cli.run("token", CliFixture.USER, "--renew");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("mailtoken: sso refused the").doesNotContain(cli.provider.issuer().getHost()
        + " refused");
  }

  @Test
  void givenDeadGrantAndExpiredToken_whenSend_thenTheMessageNamesTheApp() {
    cli.clock.advance(Duration.ofHours(2));

    CliRun r = cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.com", "--subject", "s", "--text", "t");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("sso refused the").doesNotContain(cli.provider.issuer().getHost() + " refused");
  }
}
