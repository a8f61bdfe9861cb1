package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testsupport.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authorize} asks the userinfo endpoint who consented under core's HTTP policy, like every
 * other request that carries a token: https except loopback, and a response size cap.
 */
class UserinfoPolicyTest {
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

  /**
   * Stores app "plain" straight into the store, as an older version (which checked nothing at
   * registration) or a direct database edit would have left it.
   */
  private void storeAppWithUserinfo(URI userinfo) throws Exception {
    OAuthProvider p = OAuthProvider.builder().name("plain").tokenEndpoint(cli.provider.tokenEndpoint())
        .authorizationEndpoint(cli.provider.authorizationEndpoint()).userinfoEndpoint(userinfo).build();
    App app = App.builder().provider(p).clientId(CliFixture.CLIENT_ID)
        .clientSecret(Secret.of(CliFixture.CLIENT_SECRET)).scopes(List.of("mail.send")).build();
    try (StoreAccess access = StoreAccess.open(cli.env, cli.clock, new PrintWriter(new StringWriter()))) {
      access.store().addApp(StoredApp.from("plain", ProviderKind.CUSTOM, app));
    }
  }

  /**
   * 0.0.0.0 is not a loopback literal, yet on Linux a connection to it lands on this machine: before
   * the policy the access token reached the emulator over plain http; now nothing is sent.
   */
  @Test
  void givenAStoredUserinfoEndpointOnPlainHttpOffLoopback_whenAuthorizing_thenRefusedBeforeTheTokenIsSent()
      throws Exception {
    URI offLoopback = URI.create("http://0.0.0.0:" + cli.provider.userinfoEndpoint().getPort()
        + cli.provider.userinfoEndpoint().getPath());
    storeAppWithUserinfo(offLoopback);

    CliRun r = cli.run("authorize", "--app", "plain", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("userinfo").contains(offLoopback.toString()).contains("https");
    assertThat(cli.provider.requestCount(Endpoint.USERINFO)).isZero();
    assertThat(cli.run("accounts", "list").out()).doesNotContain(CliFixture.USER);
  }

  @Test
  void givenAUserinfoAnswerLargerThanTheCap_whenAuthorizingWithoutAccount_thenItIsNotUsedAndNothingIsStored()
      throws Exception {
    storeAppWithUserinfo(cli.provider.userinfoEndpoint());
    cli.provider.faults().next(Endpoint.USERINFO, Fault.status(200,
        "{\"email\":\"" + CliFixture.USER + "\",\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}"));

    CliRun r = cli.run("authorize", "--app", "plain", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("larger than").contains("--account");
    assertThat(cli.run("accounts", "list").out()).doesNotContain(CliFixture.USER);
  }
}
