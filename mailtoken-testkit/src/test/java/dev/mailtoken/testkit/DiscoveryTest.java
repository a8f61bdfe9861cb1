package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private final Http http = new Http();

  @Test
  void givenGoogleMode_whenDiscovering_thenIssuerIsBaseAndEndpointsMatch() {
    try (ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).build().start()) {
      JsonNode doc = Http.json(http.get(emulator.discoveryEndpoint()));

      assertThat(doc.get("issuer").asText()).isEqualTo(emulator.issuer().toString());
      assertThat(doc.get("token_endpoint").asText()).isEqualTo(emulator.tokenEndpoint().toString());
      assertThat(doc.get("authorization_endpoint").asText()).endsWith("/o/oauth2/v2/auth");
      assertThat(doc.get("revocation_endpoint").asText()).isEqualTo(emulator.revocationEndpoint().toString());
      assertThat(doc.get("code_challenge_methods_supported").toString()).contains("S256");
      assertThat(doc.has("jwks_uri")).isTrue();
    }
  }

  @Test
  void givenGenericMode_whenDiscoveringRfc8414Path_thenSameIssuer() {
    try (ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).build().start()) {
      JsonNode doc = Http.json(http.get(URI.create(emulator.baseUri() + "/.well-known/oauth-authorization-server")));

      assertThat(doc.get("issuer").asText()).isEqualTo(emulator.issuer().toString());
      assertThat(doc.get("grant_types_supported").toString()).contains("client_credentials");
    }
  }

  @Test
  void givenMicrosoftCommon_whenDiscovering_thenTemplateIssuerAndNoRevocation() {
    try (ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).build().start()) {
      JsonNode doc = Http.json(http.get(emulator.discoveryEndpoint()));

      assertThat(doc.get("issuer").asText()).isEqualTo(emulator.baseUri() + "/{tenantid}/v2.0");
      assertThat(doc.get("token_endpoint").asText()).isEqualTo(emulator.tokenEndpoint("common").toString());
      assertThat(doc.has("revocation_endpoint")).isFalse();
    }
  }

  @Test
  void givenMicrosoftTenant_whenDiscovering_thenTenantIssuer() {
    try (ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).build().start()) {
      JsonNode doc = Http.json(http.get(emulator.discoveryEndpoint("contoso.onmicrosoft.com")));

      assertThat(doc.get("issuer").asText()).isEqualTo(emulator.issuer("contoso.onmicrosoft.com").toString());
    }
  }

  @Test
  void givenDiscoveryFault_whenDiscovering_thenFaultThenNormalAndBothCounted() {
    try (ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).build().start()) {
      emulator.faults().next(Endpoint.DISCOVERY, Fault.html(503));

      assertThat(http.get(emulator.discoveryEndpoint()).statusCode()).isEqualTo(503);
      assertThat(http.get(emulator.discoveryEndpoint()).statusCode()).isEqualTo(200);
      assertThat(emulator.requestCount(Endpoint.DISCOVERY)).isEqualTo(2);
    }
  }
}
