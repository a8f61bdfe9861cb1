package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrosoftTokenTest {
  private static final String SMTP = "https://outlook.office.com/SMTP.Send";
  private final ProviderEmulator emulator =
      Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT));
  private final Http http = new Http();

  @AfterEach
  void close() {
    emulator.close();
  }

  @Test
  void givenScopeSpanningTwoResources_whenRefreshing_thenInvalidScopeAadsts700022() {
    String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@contoso.com",
        Set.of(SMTP, "https://graph.microsoft.com/Mail.Send", "offline_access"));

    HttpResponse<String> response = Emulators.refresh(http, emulator, rt,
        "scope", SMTP + " https://graph.microsoft.com/Mail.Send");

    JsonNode error = Http.json(response);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error.get("error").asText()).isEqualTo("invalid_scope");
    assertThat(error.get("error_codes").get(0).asInt()).isEqualTo(700022);
    assertThat(error.get("error_description").asText()).startsWith("AADSTS700022:").contains("Trace ID:");
    assertThat(error.has("correlation_id")).isTrue();
  }

  @Test
  void givenRefresh_whenRotating_thenNewRefreshTokenAndAudienceIsResource() {
    String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@contoso.com", Set.of(SMTP, "offline_access"));

    JsonNode body = Http.json(Emulators.refresh(http, emulator, rt, "scope", SMTP + " offline_access"));

    assertThat(body.get("refresh_token").asText()).isNotEqualTo(rt);
    assertThat(emulator.introspect(body.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://outlook.office.com");
  }

  @Test
  void givenConsentToSmtpThenGraph_whenRefreshingWithoutScope_thenTheTokenIsForTheFirstResource() {
    String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@contoso.com",
        List.of(SMTP, "https://graph.microsoft.com/Mail.Send", "offline_access"));

    JsonNode body = Http.json(Emulators.refresh(http, emulator, rt));

    assertThat(emulator.introspect(body.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://outlook.office.com");
  }

  @Test
  void givenConsentWithGraphShortName_whenRefreshingWithTheFullGraphScope_thenAGraphToken() {
    String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@contoso.com", List.of(SMTP, "Mail.Send",
        "offline_access"));

    JsonNode body = Http.json(Emulators.refresh(http, emulator, rt, "scope", "https://graph.microsoft.com/Mail.Send"));

    assertThat(emulator.introspect(body.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://graph.microsoft.com");
  }

  @Test
  void givenNoConsentForGraph_whenRefreshingForGraph_thenInvalidGrantConsentRequiredAadsts65001() {
    String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@contoso.com", List.of(SMTP, "offline_access"));

    HttpResponse<String> response = Emulators.refresh(http, emulator, rt, "scope",
        "https://graph.microsoft.com/Mail.Send");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(Http.json(response).get("error_codes").get(0).asInt()).isEqualTo(65001);
    assertThat(Http.json(response).get("suberror").asText()).isEqualTo("consent_required");
  }

  @Test
  void givenWrongSecret_whenRefreshing_thenInvalidClient401WithAadsts() {
    String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@contoso.com", Set.of(SMTP, "offline_access"));

    HttpResponse<String> response = http.post(emulator.tokenEndpoint(), "grant_type", "refresh_token",
        "refresh_token", rt, "client_id", Emulators.CLIENT, "client_secret", "wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error_codes").get(0).asInt()).isEqualTo(7000215);
  }

  @Test
  void givenCommonTenant_whenClientCredentials_thenRejected() {
    HttpResponse<String> response = http.post(emulator.tokenEndpoint("common"), "grant_type", "client_credentials",
        "client_id", Emulators.CLIENT, "client_secret", Emulators.SECRET,
        "scope", "https://outlook.office365.com/.default");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error_codes").get(0).asInt()).isEqualTo(9001023);
  }

  @Test
  void givenTenant_whenClientCredentials_thenAppOnlyTokenWithoutRefreshToken() {
    HttpResponse<String> response = http.post(emulator.tokenEndpoint("contoso.onmicrosoft.com"),
        "grant_type", "client_credentials", "client_id", Emulators.CLIENT, "client_secret", Emulators.SECRET,
        "scope", "https://outlook.office365.com/.default");

    JsonNode body = Http.json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(emulator.introspect(body.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://outlook.office365.com");
  }

  @Test
  void givenConsentToTwoResourcesInEitherOrder_whenTheCodeIsExchanged_thenTheTokenIsForTheFirstResourceAsked() {
    String graph = "https://graph.microsoft.com/Mail.Send";
    String smtpFirst = Emulators.code(http, emulator, "scope", SMTP + " offline_access " + graph);
    String graphFirst = Emulators.code(http, emulator, "scope", graph + " offline_access " + SMTP);

    JsonNode smtpToken = Http.json(Emulators.exchange(http, emulator, smtpFirst));
    JsonNode graphToken = Http.json(Emulators.exchange(http, emulator, graphFirst));

    assertThat(emulator.introspect(smtpToken.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://outlook.office.com");
    assertThat(emulator.introspect(graphToken.get("access_token").asText()).orElseThrow().audience())
        .isEqualTo("https://graph.microsoft.com");
  }

  @Test
  void givenCodeForTwoResources_whenExchangedWithBothScopes_thenInvalidScope() {
    String code = Emulators.code(http, emulator, "scope", SMTP + " https://graph.microsoft.com/Mail.Send offline_access");

    HttpResponse<String> response = Emulators.exchange(http, emulator, code,
        "scope", SMTP + " https://graph.microsoft.com/Mail.Send");

    assertThat(Http.json(response).get("error_codes").get(0).asInt()).isEqualTo(700022);
  }

  @Test
  void givenRegisteredLocalhostRedirect_whenAuthorizingOnOtherPort_thenAccepted() {
    emulator.registerClient(ClientRegistration.publicClient("cli").redirectUri("http://localhost/cb").build());

    HttpResponse<String> response = http.get(java.net.URI.create(emulator.authorizationEndpoint() + "?"
        + Http.form("client_id", "cli", "redirect_uri", "http://localhost:51234/cb", "response_type", "code",
            "scope", SMTP)));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(emulator.requests(Endpoint.AUTHORIZE).get(0).queryParams()).containsEntry("client_id", "cli");
  }
}
