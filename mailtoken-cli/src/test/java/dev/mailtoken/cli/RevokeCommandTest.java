package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken revoke}: revoke where the provider can, clear local secrets, be honest about Microsoft. */
class RevokeCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  @Test
  void givenGoogleAccount_whenRevoked_thenGrantDeadAtProviderAndLocalSecretsGone() {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      logs.forbidAll(cli.provider::issuedSecrets);
      cli.authorize();
      String token = cli.run("token", CliFixture.USER).out().strip();

      CliRun r = cli.run("revoke", CliFixture.USER);

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("refresh token: revoked at google", "local secrets: removed");
      assertThat(cli.provider.introspect(token)).isEmpty();
      assertThat(cli.provider.requestCount(Endpoint.REVOKE)).isGreaterThanOrEqualTo(1);
      assertThat(cli.run("accounts", "show", CliFixture.USER).out()).contains("revoked");
      assertThat(cli.run("token", CliFixture.USER).exitCode()).isNotZero();
    }
  }

  @Test
  void givenMicrosoftAccount_whenRevoked_thenSaysNoRevocationEndpointAndClearsLocally() {
    try (CliFixture cli = new CliFixture(home, b -> b.mode(EmulatorMode.MICROSOFT))) {
      logs.forbidAll(cli.provider::issuedSecrets);
      cli.withMicrosoftApp();
      cli.importAccount("bob@contoso.com", List.of("https://outlook.office.com/SMTP.Send", "offline_access"));

      CliRun r = cli.run("revoke", "bob@contoso.com");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("Microsoft has no revocation endpoint", "myapps.microsoft.com",
          "local secrets: removed");
      assertThat(cli.provider.requestCount(Endpoint.REVOKE)).isZero();
    }
  }
}
