package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.MS_SMTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RecordedRequest;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Starting the device authorization grant (RFC 8628 §3.1–3.2) against each provider's shape. */
class DeviceAuthorizationTest {
  static final String PUBLIC_CLIENT = "device-app";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private final OAuthClient client = Emulated.client(clock);
  private ProviderEmulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  private ProviderEmulator start(EmulatorMode mode) {
    emulator = Emulated.start(mode, clock);
    emulator.registerClient(ClientRegistration.publicClient(PUBLIC_CLIENT).build());
    logs.forbidAll(emulator::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
    return emulator;
  }

  /** A public app at the emulator's provider, with its device endpoint. */
  static App publicApp(ProviderEmulator emulator, List<String> scopes) {
    OAuthProvider provider = Emulated.provider(emulator).toBuilder()
        .deviceAuthorizationEndpoint(emulator.deviceEndpoint()).build();
    return App.builder().provider(provider).clientId(PUBLIC_CLIENT).scopes(scopes).build();
  }

  @Test
  void givenMicrosoftPublicApp_whenStarting_thenUserCodeUriMessageExpiryAndInterval() throws Exception {
    start(EmulatorMode.MICROSOFT);

    DeviceAuthorization device = client.startDeviceAuthorization(publicApp(emulator, List.of(MS_SMTP)), List.of());

    assertThat(emulator.pendingUserCodes()).containsExactly(device.userCode());
    assertThat(device.verificationUri().toString()).startsWith(emulator.baseUri().toString());
    assertThat(device.message()).hasValueSatisfying(m -> assertThat(m).contains(device.userCode()));
    assertThat(device.expiresAt()).isEqualTo(Emulated.START.plusSeconds(900));
    assertThat(device.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(device.requiredScopes()).containsExactly(MS_SMTP);
    RecordedRequest sent = emulator.requests(Endpoint.DEVICE).get(0);
    assertThat(sent.param("scope")).hasValue(MS_SMTP + " offline_access");
    assertThat(sent.param("client_id")).hasValue(PUBLIC_CLIENT);
    assertThat(sent.formParams()).doesNotContainKey("client_secret");
    assertThat(device.toString()).doesNotContain(emulator.issuedSecrets());
  }

  @Test
  void givenGenericProvider_whenStarting_thenTheCompleteVerificationUriIsKept() throws Exception {
    start(EmulatorMode.GENERIC);

    DeviceAuthorization device = client.startDeviceAuthorization(publicApp(emulator, List.of("mail.send")),
        List.of());

    assertThat(device.verificationUriComplete()).hasValueSatisfying(u -> assertThat(u.toString())
        .endsWith("user_code=" + device.userCode()));
    assertThat(device.expiresAt()).isEqualTo(Emulated.START.plusSeconds(600));
  }

  @Test
  void givenGoogleAppWithGmailScope_whenStarting_thenRefusedWithoutARequest() {
    start(EmulatorMode.GOOGLE);
    App app = publicApp(emulator, List.of(Emulated.GOOGLE_MAIL));

    assertThatThrownBy(() -> client.startDeviceAuthorization(app, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Google's device flow does not grant mail scopes")
        .hasMessageContaining("service account");
    assertThat(emulator.requestCount(Endpoint.DEVICE)).isZero();
  }

  @Test
  void givenGoogleAppWithIdentityScopesOnly_whenStarting_thenGoogleShapeIsRead() throws Exception {
    start(EmulatorMode.GOOGLE);

    DeviceAuthorization device = client.startDeviceAuthorization(
        publicApp(emulator, List.of("openid", "email")), List.of());

    assertThat(device.verificationUri().getPath()).isEqualTo("/device");
    assertThat(device.expiresAt()).isEqualTo(Emulated.START.plusSeconds(1800));
  }

  @Test
  void givenProviderWithoutDeviceEndpoint_whenStarting_thenConfigurationErrorNamesTheLoopbackFlow() {
    start(EmulatorMode.GENERIC);
    App app = App.builder().provider(Emulated.provider(emulator)).clientId(PUBLIC_CLIENT).build();

    assertThatThrownBy(() -> client.startDeviceAuthorization(app, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no device authorization endpoint").hasMessageContaining("loopback");
  }

  @Test
  void givenUnknownClient_whenStarting_thenConfigurationError() {
    start(EmulatorMode.GENERIC);
    App app = App.builder().provider(publicApp(emulator, List.of("mail.send")).provider()).clientId("nobody")
        .build();

    assertThatThrownBy(() -> client.startDeviceAuthorization(app, List.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("invalid_client");
  }

  @Test
  void givenMessageWithTerminalControls_whenStarting_thenTheyAreBlankedBeforeAnyoneShowsThem() throws Exception {
    start(EmulatorMode.MICROSOFT);
    emulator.faults().next(Endpoint.DEVICE, Fault.status(200, "{\"device_code\":\"dc-1\",\"user_code\":\"ABC123\","
        + "\"verification_uri\":\"https://microsoft.com/devicelogin\",\"expires_in\":900,\"interval\":5,"
        + "\"message\":\"Enter ABC123\\u001b[2J\\r\\nnow\"}"));

    DeviceAuthorization device = client.startDeviceAuthorization(publicApp(emulator, List.of(MS_SMTP)), List.of());

    assertThat(device.message()).hasValue("Enter ABC123 [2J  now");
  }

  @Test
  void givenUserCodeWithTerminalControls_whenStarting_thenInvalidResponse() {
    start(EmulatorMode.GENERIC);
    emulator.faults().next(Endpoint.DEVICE, Fault.status(200, "{\"device_code\":\"dc-1\",\"user_code\":"
        + "\"AB\\u001b]0;owned\\u0007CD\",\"verification_uri\":\"https://as.example/device\"}"));
    App app = publicApp(emulator, List.of("mail.send"));

    assertThatThrownBy(() -> client.startDeviceAuthorization(app, List.of()))
        .isInstanceOf(InvalidResponseException.class).hasMessageContaining("printable user_code");
  }

  @Test
  void givenIssuerPublishingADeviceEndpoint_whenDiscovered_thenTheProviderHasIt() throws Exception {
    start(EmulatorMode.GENERIC);

    OAuthProvider discovered = OAuthProvider.discover(emulator.issuer(), client);

    assertThat(discovered.deviceAuthorizationEndpoint()).contains(emulator.deviceEndpoint());
  }
}
