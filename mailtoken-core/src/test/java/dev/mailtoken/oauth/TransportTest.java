package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.CLIENT_SECRET;
import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.http.HttpPolicy;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RecordedRequest;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes on the wire: client authentication, headers, and where credentials may be sent. */
class TransportTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;
  private Secret rt;

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GOOGLE, clock);
    rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));
    logs.forbidAll(emulator::issuedSecrets).forbid(CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private RecordedRequest lastTokenRequest() {
    List<RecordedRequest> all = emulator.requests(Endpoint.TOKEN);
    return all.get(all.size() - 1);
  }

  @Test
  void givenClientSecretBasic_whenRefreshing_thenIdAndSecretAreFormEncodedBeforeBase64() throws Exception {
    Emulated.client(clock).refresh(Emulated.app(emulator, ClientAuthentication.CLIENT_SECRET_BASIC), rt, List.of());

    String expected = URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
    RecordedRequest sent = lastTokenRequest();
    assertThat(sent.header("authorization")).contains(
        "Basic " + Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.UTF_8)));
    assertThat(sent.formParams()).doesNotContainKeys("client_secret", "client_id");
  }

  @Test
  void givenClientSecretPost_whenRefreshing_thenCredentialsAreInTheBodyOnly() throws Exception {
    Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of());

    RecordedRequest sent = lastTokenRequest();
    assertThat(sent.formParams()).containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
    assertThat(sent.header("authorization")).isEmpty();
  }

  @Test
  void givenAnyRequest_whenSent_thenItAsksForJsonAsAForm() throws Exception {
    Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of());

    RecordedRequest sent = lastTokenRequest();
    assertThat(sent.header("accept")).contains("application/json");
    assertThat(sent.header("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/x-www-form-urlencoded"));
    assertThat(sent.method()).isEqualTo("POST");
  }

  @Test
  void givenPlainHttpTokenEndpointOffLoopback_whenRefreshing_thenRefusedBeforeSending() {
    OAuthProvider remote = OAuthProvider.google().toBuilder().tokenEndpoint(URI.create("http://oauth.example.com/token")).build();
    App app = App.builder().provider(remote).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET)).build();

    assertThatThrownBy(() -> Emulated.client(clock).refresh(app, rt, List.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("https")
        .hasMessageContaining("http://oauth.example.com/token");
  }

  @Test
  void givenLoopbackNames_whenChecked_thenOnlyLiteralLoopbackCounts() {
    assertThat(HttpPolicy.isLoopback("127.0.0.1")).isTrue();
    assertThat(HttpPolicy.isLoopback("localhost")).isTrue();
    assertThat(HttpPolicy.isLoopback("[::1]")).isTrue();
    assertThat(HttpPolicy.isLoopback("127.0.0.1.example.com")).isFalse();
    assertThat(HttpPolicy.isLoopback("10.0.0.1")).isFalse();
  }

  @Test
  void givenHttpClientFollowingRedirects_whenBuildingClient_thenRefused() {
    HttpClient follows = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    assertThatThrownBy(() -> OAuthClient.builder().httpClient(follows)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NEVER");
  }

  @Test
  void givenOwnHttpClientAndConnectTimeout_whenBuilding_thenIncompatibleOptionsNamed() {
    OAuthClientBuilder b = OAuthClient.builder()
        .httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build())
        .connectTimeout(java.time.Duration.ofSeconds(1));

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("connectTimeout");
  }

  @Test
  void givenResponseLargerThanTheCap_whenRefreshing_thenInvalidResponse() {
    OAuthClient tiny = OAuthClient.builder().clock(clock).maxResponseBytes(1024).build();
    emulator.faults().next(Endpoint.TOKEN,
        dev.mailtoken.testkit.Fault.status(200, "{\"access_token\":\"" + "a".repeat(5000) + "\"}"));

    assertThatThrownBy(() -> tiny.refresh(Emulated.app(emulator), rt, List.of()))
        .isInstanceOf(InvalidResponseException.class).hasMessageContaining("1024 bytes");
  }

  @Test
  void givenRequests_whenLogged_thenOneDebugLinePerRequestWithFingerprintsOnly() throws Exception {
    TokenResponse r = Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of());

    assertThat(logs.text()).contains("HTTP 200").contains(r.accessToken().fingerprint()).contains(rt.fingerprint());
  }
}
