package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code apps add} refuses an endpoint that would later carry a credential where core's HTTP policy
 * forbids it (plain http to a non-loopback host), before anything is fetched; a refusal stores nothing.
 */
class AppEndpointRegistrationTest {
  private static final String OFF_LOOPBACK = "http://oauth.example.test/endpoint";

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
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** Adds custom app "c" with {@code extra} options, and the emulator's token endpoint unless they name one. */
  private CliRun addCustom(String... extra) {
    List<String> args = new ArrayList<>(List.of("apps", "add", "c", "--provider", "custom", "--client-id", "x",
        "--public", "--scope", "mail"));
    if (!List.of(extra).contains("--token-endpoint")) {
      args.addAll(List.of("--token-endpoint", cli.provider.tokenEndpoint().toString()));
    }
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  private void assertNothingStored() {
    assertThat(cli.run("apps", "list").all()).doesNotContain(" c ").contains("no apps yet");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--token-endpoint", "--authorization-endpoint", "--revocation-endpoint",
      "--userinfo-endpoint"})
  void givenAPlainHttpEndpointOffLoopback_whenAddingAnApp_thenUsageErrorNamingTheOption(String option) {
    CliRun r = addCustom(option, OFF_LOOPBACK);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains(option).contains(OFF_LOOPBACK).contains("https");
    assertNothingStored();
  }

  @Test
  void givenAPlainHttpIssuerOffLoopback_whenAddingAnOidcApp_thenUsageErrorNamingIssuerBeforeAnyRequest() {
    CliRun r = cli.run("apps", "add", "c", "--provider", "oidc", "--issuer", "http://idp.example.test/realms/mail",
        "--client-id", "x", "--public", "--scope", "mail");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--issuer").contains("http://idp.example.test/realms/mail");
    assertNothingStored();
  }

  @Test
  void givenPlainHttpEndpointsOnLoopbackLiteralsAndLocalhost_whenAddingAnApp_thenAccepted() {
    CliRun r = addCustom("--authorization-endpoint", "http://[::1]:9/authorize",
        "--userinfo-endpoint", "http://localhost:9/userinfo", "--revocation-endpoint", "http://127.0.0.2:9/revoke");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void givenDiscoveryNamingAPlainHttpEndpointOffLoopback_whenAddingAnOidcApp_thenConfigurationErrorNamingIt() {
    String issuer = cli.provider.issuer().toString();
    cli.provider.faults().always(Endpoint.DISCOVERY, Fault.status(200, "{\"issuer\":\"" + issuer + "\","
        + "\"authorization_endpoint\":\"" + cli.provider.authorizationEndpoint() + "\","
        + "\"token_endpoint\":\"" + OFF_LOOPBACK + "\"}"));

    CliRun r = cli.run("apps", "add", "c", "--provider", "oidc", "--issuer", issuer, "--client-id", "x", "--public",
        "--scope", "mail");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("token endpoint").contains(OFF_LOOPBACK).contains(issuer);
    assertNothingStored();
  }
}
