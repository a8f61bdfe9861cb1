package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device authorization grant (RFC 8628) per mode: the device endpoint, the poll, the test's answer. */
class DeviceFlowTest {
  private static final String PUBLIC_CLIENT = "cli-public";
  private static final String SMTP = "https://outlook.office.com/SMTP.Send";
  private final TestClock clock = TestClock.at(Emulators.START);
  private final Http http = new Http();
  private ProviderEmulator emulator;

  @AfterEach
  void close() {
    emulator.close();
  }

  private ProviderEmulator start(EmulatorMode mode) {
    emulator = Emulators.started(ProviderEmulator.builder().mode(mode).clock(clock));
    emulator.registerClient(ClientRegistration.publicClient(PUBLIC_CLIENT).build());
    return emulator;
  }

  private JsonNode authorize(String clientId, String scope) {
    HttpResponse<String> response = http.post(emulator.deviceEndpoint(), "client_id", clientId, "scope", scope);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private HttpResponse<String> poll(String deviceCode, String... client) {
    String[] base = {"grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", deviceCode};
    String[] all = new String[base.length + client.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(client, 0, all, base.length, client.length);
    return http.post(emulator.tokenEndpoint(), all);
  }

  private HttpResponse<String> pollPublic(String deviceCode) {
    return poll(deviceCode, "client_id", PUBLIC_CLIENT);
  }

  @Test
  void givenGenericMode_whenDeviceAuthorizationRequested_thenRfcFieldsWithCompleteUri() {
    start(EmulatorMode.GENERIC);

    JsonNode answer = authorize(PUBLIC_CLIENT, "openid mail");

    assertThat(answer.get("user_code").asText()).matches("[A-Z]{4}-[A-Z]{4}");
    assertThat(answer.get("verification_uri").asText()).startsWith(emulator.baseUri().toString());
    assertThat(answer.get("verification_uri_complete").asText()).endsWith("?user_code=" + answer.get("user_code").asText());
    assertThat(answer.get("expires_in").asInt()).isEqualTo(600);
    assertThat(answer.get("interval").asInt()).isEqualTo(5);
    assertThat(emulator.pendingUserCodes()).containsExactly(answer.get("user_code").asText());
    assertThat(emulator.issuedSecrets()).contains(answer.get("device_code").asText())
        .doesNotContain(answer.get("user_code").asText());
  }

  @Test
  void givenGenericPending_whenPolledAtTheInterval_thenAuthorizationPending400() {
    start(EmulatorMode.GENERIC);
    String deviceCode = authorize(PUBLIC_CLIENT, "mail").get("device_code").asText();

    HttpResponse<String> first = pollPublic(deviceCode);
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> second = pollPublic(deviceCode);

    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(Http.json(first).get("error").asText()).isEqualTo("authorization_pending");
    assertThat(Http.json(second).get("error").asText()).isEqualTo("authorization_pending");
  }

  @Test
  void givenGenericPending_whenPolledTooSoon_thenSlowDownAndTheIntervalGrowsByFiveSeconds() {
    start(EmulatorMode.GENERIC);
    String deviceCode = authorize(PUBLIC_CLIENT, "mail").get("device_code").asText();
    pollPublic(deviceCode);

    clock.advance(Duration.ofSeconds(4));
    HttpResponse<String> tooSoon = pollPublic(deviceCode);
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> stillTooSoon = pollPublic(deviceCode);
    clock.advance(Duration.ofSeconds(15));
    HttpResponse<String> patient = pollPublic(deviceCode);

    assertThat(Http.json(tooSoon).get("error").asText()).isEqualTo("slow_down");
    assertThat(Http.json(stillTooSoon).get("error").asText()).isEqualTo("slow_down");
    assertThat(Http.json(patient).get("error").asText()).isEqualTo("authorization_pending");
  }

  @Test
  void givenApproval_whenPolled_thenTokensOnceAndTheCodeIsSpent() {
    start(EmulatorMode.GENERIC);
    JsonNode answer = authorize(PUBLIC_CLIENT, "openid mail");

    emulator.approveDeviceCode(answer.get("user_code").asText().toLowerCase(), "dora@example.com");
    HttpResponse<String> granted = pollPublic(answer.get("device_code").asText());
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> again = pollPublic(answer.get("device_code").asText());

    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    JsonNode tokens = Http.json(granted);
    assertThat(tokens.has("refresh_token")).isTrue();
    assertThat(tokens.has("id_token")).isTrue();
    assertThat(emulator.introspect(tokens.get("access_token").asText()).orElseThrow().user())
        .isEqualTo("dora@example.com");
    assertThat(Http.json(again).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(emulator.pendingUserCodes()).isEmpty();
  }

  @Test
  void givenGenericDecline_whenPolled_thenAccessDenied() {
    start(EmulatorMode.GENERIC);
    JsonNode answer = authorize(PUBLIC_CLIENT, "mail");

    emulator.declineDeviceCode(answer.get("user_code").asText());
    HttpResponse<String> response = pollPublic(answer.get("device_code").asText());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("access_denied");
  }

  @Test
  void givenDenyingConsentDecision_whenApproved_thenTheUserDeclines() {
    start(EmulatorMode.GENERIC);
    JsonNode answer = authorize(PUBLIC_CLIENT, "mail");
    emulator.consent(ConsentDecision.deny());

    emulator.approveDeviceCode(answer.get("user_code").asText(), "dora@example.com");

    assertThat(Http.json(pollPublic(answer.get("device_code").asText())).get("error").asText())
        .isEqualTo("access_denied");
  }

  @Test
  void givenGenericExpiredCode_whenPolledTwice_thenExpiredTokenOnceThenInvalidGrant() {
    start(EmulatorMode.GENERIC);
    String deviceCode = authorize(PUBLIC_CLIENT, "mail").get("device_code").asText();

    clock.advance(Duration.ofSeconds(600));
    HttpResponse<String> first = pollPublic(deviceCode);
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> second = pollPublic(deviceCode);

    assertThat(Http.json(first).get("error").asText()).isEqualTo("expired_token");
    assertThat(Http.json(second).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(emulator.pendingUserCodes()).isEmpty();
  }

  @Test
  void givenExpiredCode_whenTheTestApprovesIt_thenIllegalArgument() {
    start(EmulatorMode.GENERIC);
    String userCode = authorize(PUBLIC_CLIENT, "mail").get("user_code").asText();
    clock.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> emulator.approveDeviceCode(userCode, "dora@example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expired");
  }

  @Test
  void givenMicrosoftMode_whenDeviceAuthorizationRequested_thenMessageAnd900Seconds() {
    start(EmulatorMode.MICROSOFT);

    JsonNode answer = authorize(PUBLIC_CLIENT, SMTP + " offline_access");

    assertThat(answer.get("user_code").asText()).matches("[A-Z0-9]{9}");
    assertThat(answer.get("expires_in").asInt()).isEqualTo(900);
    assertThat(answer.get("message").asText()).contains(answer.get("verification_uri").asText(),
        answer.get("user_code").asText());
  }

  @Test
  void givenMicrosoftPending_whenPolled_thenAadsts70016() {
    start(EmulatorMode.MICROSOFT);
    String deviceCode = authorize(PUBLIC_CLIENT, SMTP + " offline_access").get("device_code").asText();

    HttpResponse<String> response = pollPublic(deviceCode);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("authorization_pending");
    assertThat(Http.json(response).get("error_codes").get(0).asInt()).isEqualTo(70016);
  }

  @Test
  void givenMicrosoftAppWithoutPublicClientFlows_whenPolledWithoutSecret_thenAadsts7000218() {
    start(EmulatorMode.MICROSOFT);
    String deviceCode = authorize(Emulators.CLIENT, SMTP + " offline_access").get("device_code").asText();

    HttpResponse<String> response = poll(deviceCode, "client_id", Emulators.CLIENT);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_client");
    assertThat(Http.json(response).get("error_codes").get(0).asInt()).isEqualTo(7000218);
  }

  @Test
  void givenMicrosoftDecline_whenPolled_thenAuthorizationDeclined() {
    start(EmulatorMode.MICROSOFT);
    JsonNode answer = authorize(PUBLIC_CLIENT, SMTP + " offline_access");

    emulator.declineDeviceCode(answer.get("user_code").asText());

    assertThat(Http.json(pollPublic(answer.get("device_code").asText())).get("error").asText())
        .isEqualTo("authorization_declined");
  }

  @Test
  void givenMicrosoftApproval_whenPolled_thenRotatingRefreshTokenAndSmtpAudience() {
    start(EmulatorMode.MICROSOFT);
    JsonNode answer = authorize(PUBLIC_CLIENT, "openid profile " + SMTP + " offline_access");

    emulator.approveDeviceCode(answer.get("user_code").asText(), "bob@contoso.com");
    JsonNode tokens = Http.json(pollPublic(answer.get("device_code").asText()));

    assertThat(tokens.has("refresh_token")).isTrue();
    assertThat(emulator.introspect(tokens.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://outlook.office.com");
  }

  @Test
  void givenGoogleMode_whenGmailScopeRequested_thenInvalidScope() {
    start(EmulatorMode.GOOGLE);

    HttpResponse<String> response = http.post(emulator.deviceEndpoint(), "client_id", PUBLIC_CLIENT,
        "scope", "openid " + Emulators.GMAIL);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_scope");
    assertThat(emulator.pendingUserCodes()).isEmpty();
  }

  @Test
  void givenGoogleMode_whenPendingAndDeclined_then428ThenAccessDenied403() {
    start(EmulatorMode.GOOGLE);
    JsonNode answer = authorize(PUBLIC_CLIENT, "openid email");
    assertThat(answer.get("verification_url").asText()).endsWith("/device");
    assertThat(answer.get("expires_in").asInt()).isEqualTo(1800);

    HttpResponse<String> pending = pollPublic(answer.get("device_code").asText());
    emulator.declineDeviceCode(answer.get("user_code").asText());
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> declined = pollPublic(answer.get("device_code").asText());

    assertThat(pending.statusCode()).isEqualTo(428);
    assertThat(Http.json(pending).get("error").asText()).isEqualTo("authorization_pending");
    assertThat(declined.statusCode()).isEqualTo(403);
    assertThat(Http.json(declined).get("error").asText()).isEqualTo("access_denied");
  }

  @Test
  void givenDeviceIntervalKnob_whenDeviceAuthorizationRequested_thenThatIntervalIsAnnounced() {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).clock(clock)
        .deviceInterval(Duration.ofSeconds(7)).build().start();
    emulator.registerClient(ClientRegistration.publicClient(PUBLIC_CLIENT).build());

    assertThat(authorize(PUBLIC_CLIENT, "mail").get("interval").asInt()).isEqualTo(7);
    assertThat(emulator.requests(Endpoint.DEVICE)).hasSize(1);
    assertThat(emulator.deviceEndpoint().getPath()).isEqualTo("/device_authorization");
  }
}
