package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code authorize --device} (RFC 8628) against the emulators; the polls move the test clock, nobody waits. */
class DeviceAuthorizeTest {
  private static final String MAILBOX = "bob@contoso.com";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;
  final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    cli.close();
  }

  private void start(EmulatorMode mode) {
    cli = new CliFixture(home, b -> b.mode(mode).defaultUser(MAILBOX));
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  /** The sleeper: records each pause, moves the clock, and on pause {@code n} lets the user act on the code. */
  private void onPause(int n, Consumer<String> user) {
    cli.sleeper = duration -> {
      pauses.add(duration);
      cli.clock.advance(duration);
      if (pauses.size() == n) {
        user.accept(cli.provider.pendingUserCodes().get(0));
      }
    };
  }

  /** A Microsoft app registered as a public client ("Allow public client flows" on), added with --public. */
  private void microsoftPublicApp() {
    cli.provider.registerClient(ClientRegistration.publicClient(CliFixture.CLIENT_ID).build());
    cli.run("apps", "add", "test", "--provider", "microsoft", "--client-id", CliFixture.CLIENT_ID, "--public",
        "--authorization-endpoint", cli.provider.authorizationEndpoint().toString(),
        "--token-endpoint", cli.provider.tokenEndpoint().toString(),
        "--userinfo-endpoint", cli.provider.userinfoEndpoint().toString(),
        "--device-authorization-endpoint", cli.provider.deviceEndpoint().toString());
  }

  @Test
  void givenMicrosoftPublicApp_whenUserEntersTheCode_thenCodeAndUrlPrintedPolledAtTheIntervalAndAccountStored() {
    start(EmulatorMode.MICROSOFT);
    microsoftPublicApp();
    List<String> shown = new CopyOnWriteArrayList<>();
    onPause(2, code -> {
      shown.add(code);
      cli.provider.approveDeviceCode(code, MAILBOX);
    });

    CliRun r = cli.run("authorize", "--app", "test", "--device");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized " + MAILBOX, "https://outlook.office.com/SMTP.Send");
    assertThat(r.err()).contains("enter the code:  " + shown.get(0), "/devicelogin", "microsoft says: To sign in",
        "polling every 5s", "expires in 15m");
    assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(cli.run("accounts", "show", MAILBOX).out()).contains("healthy");
    assertThat(cli.provider.issuedSecrets()).isNotEmpty().allSatisfy(secret -> assertThat(r.all()).doesNotContain(secret));
  }

  @Test
  void givenMicrosoftAppWithoutPublicClientFlows_whenPolled_thenExplainedWithTheWayOut() {
    start(EmulatorMode.MICROSOFT);
    cli.provider.registerClient(ClientRegistration.confidential(CliFixture.CLIENT_ID, CliFixture.CLIENT_SECRET)
        .redirectUri("http://localhost/callback").build());
    cli.run("apps", "add", "test", "--provider", "microsoft", "--client-id", CliFixture.CLIENT_ID, "--public",
        "--token-endpoint", cli.provider.tokenEndpoint().toString(),
        "--device-authorization-endpoint", cli.provider.deviceEndpoint().toString());

    CliRun r = cli.run("authorize", "--app", "test", "--device");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("enable 'Allow public client flows' in the app registration's Authentication"
        .replace("enable", "Enable"), "or use the loopback flow", "hint: run mailtoken authorize --app test without"
        + " --device");
  }

  @Test
  void givenGoogleApp_whenDevice_thenRefusedAtOnceNamingManualAndServiceAccounts() {
    start(EmulatorMode.GOOGLE);
    cli.withDesktopApp();

    CliRun r = cli.run("authorize", "--app", "test", "--device");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("Google's device flow does not grant Gmail scopes", "--manual", "service account");
    assertThat(cli.provider.requestCount(Endpoint.DEVICE)).isZero();
  }

  @Test
  void givenUserDeclinesOnTheOtherDevice_whenPolled_thenConsentExitCode() {
    start(EmulatorMode.MICROSOFT);
    microsoftPublicApp();
    onPause(1, code -> cli.provider.declineDeviceCode(code));

    CliRun r = cli.run("authorize", "--app", "test", "--device");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("declined", "authorization_declined");
    assertThat(cli.run("accounts", "list").err()).contains("no accounts");
  }

  @Test
  void givenNobodyEntersTheCode_whenTimeoutPasses_thenConsentExitCodeWithoutWaitingInRealTime() {
    start(EmulatorMode.MICROSOFT);
    microsoftPublicApp();
    onPause(Integer.MAX_VALUE, code -> { });

    CliRun r = cli.run("authorize", "--app", "test", "--device", "--timeout", "1m");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("in time", "60 s", "Start the device authorization again");
    assertThat(pauses).hasSize(12);
  }

  @Test
  void givenDiscoveredProviderWithADeviceEndpoint_whenDevice_thenItIsStoredAndUsed() {
    start(EmulatorMode.GENERIC);
    cli.provider.registerClient(ClientRegistration.publicClient(CliFixture.CLIENT_ID).build());
    cli.run("apps", "add", "test", "--provider", "oidc", "--issuer", cli.provider.issuer().toString(),
        "--client-id", CliFixture.CLIENT_ID, "--public", "--scope", "mail.send");
    onPause(1, code -> cli.provider.approveDeviceCode(code, MAILBOX));

    CliRun r = cli.run("authorize", "--app", "test", "--device");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("has the code filled in", "mailbox " + MAILBOX);
    assertThat(cli.run("apps", "list", "--json").out()).contains(cli.provider.deviceEndpoint().toString());
  }

  @Test
  void givenProviderWithoutADeviceEndpoint_whenDevice_thenConfigurationErrorPointingAtManual() {
    start(EmulatorMode.GENERIC);
    cli.provider.registerClient(ClientRegistration.publicClient(CliFixture.CLIENT_ID).build());
    cli.run("apps", "add", "test", "--provider", "custom", "--token-endpoint", cli.provider.tokenEndpoint().toString(),
        "--client-id", CliFixture.CLIENT_ID, "--public", "--scope", "mail.send");

    CliRun r = cli.run("authorize", "--app", "test", "--device", "--account", MAILBOX);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("no device authorization endpoint", "--manual");
  }

  @Test
  void givenDeviceWithManualOrPort_whenAuthorizing_thenUsageErrors() {
    start(EmulatorMode.MICROSOFT);
    microsoftPublicApp();

    assertThat(cli.run("authorize", "--app", "test", "--device", "--manual").exitCode())
        .isEqualTo(ExitCode.USAGE.code());
    assertThat(cli.run("authorize", "--app", "test", "--device", "--port", "8765").err())
        .contains("--device uses no browser or loopback port");
  }
}
