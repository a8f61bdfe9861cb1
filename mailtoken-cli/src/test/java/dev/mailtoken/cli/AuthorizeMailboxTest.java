package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailtoken authorize} finds the mailbox that consented without {@code --account}: from the
 * ID token of an OIDC provider (discovered from {@code --issuer}), else from the userinfo endpoint.
 */
class AuthorizeMailboxTest {
  static final String SCOPE = "mail.send";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.GENERIC).defaultUser(CliFixture.USER));
    cli.provider.registerClient(ClientRegistration.confidential(CliFixture.CLIENT_ID, CliFixture.CLIENT_SECRET)
        .redirectUri("http://127.0.0.1/callback").build());
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenCustomProviderWithoutIdToken_whenAuthorizedWithoutAccount_thenMailboxComesFromUserinfo() {
    CliRun added = cli.run("apps", "add", "plain", "--provider", "custom", "--client-id", CliFixture.CLIENT_ID,
        "--client-secret-env", "CLIENT_SECRET", "--scope", SCOPE,
        "--authorization-endpoint", cli.provider.authorizationEndpoint().toString(),
        "--token-endpoint", cli.provider.tokenEndpoint().toString(),
        "--userinfo-endpoint", cli.provider.userinfoEndpoint().toString());
    assertThat(added.exitCode()).as(added.toString()).isZero();

    CliRun r = cli.run("authorize", "--app", "plain", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized " + CliFixture.USER);
    assertThat(cli.provider.requestCount(Endpoint.USERINFO)).isEqualTo(1);
  }

  @Test
  void givenOidcIssuer_whenAuthorizedWithoutAccount_thenMailboxComesFromTheIdToken() {
    CliRun added = cli.run("apps", "add", "sso", "--provider", "oidc", "--issuer", cli.provider.issuer().toString(),
        "--client-id", CliFixture.CLIENT_ID, "--client-secret-env", "CLIENT_SECRET", "--scope", SCOPE);
    assertThat(added.exitCode()).as(added.toString()).isZero();

    CliRun r = cli.run("authorize", "--app", "sso", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized " + CliFixture.USER);
    assertThat(cli.provider.requestCount(Endpoint.USERINFO)).isZero();
  }
}
