package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderTest {

  @Test
  void givenGoogle_whenInspected_thenEndpointsScopesSmtpAndQuirksAreGoogles() {
    OAuthProvider g = OAuthProvider.google();

    assertThat(g.tokenEndpoint()).hasToString("https://oauth2.googleapis.com/token");
    assertThat(g.revocationEndpoint()).contains(URI.create("https://oauth2.googleapis.com/revoke"));
    assertThat(g.defaultScopes()).containsExactly("https://mail.google.com/");
    assertThat(g.smtpHost()).contains("smtp.gmail.com");
    assertThat(g.smtpPort()).isEqualTo(587);
    assertThat(g.rotatesRefreshTokens()).isFalse();
    assertThat(g.offlineAccessParameters()).containsEntry("access_type", "offline").containsEntry("prompt", "consent");
  }

  @Test
  void givenMicrosoftTenant_whenInspected_thenTenantEndpointsRotationAndNoRevocation() {
    OAuthProvider m = OAuthProvider.microsoft("organizations");

    assertThat(m.tokenEndpoint()).hasToString("https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
    assertThat(m.authorizationEndpoint()).contains(
        URI.create("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"));
    assertThat(m.revocationEndpoint()).isEmpty();
    assertThat(m.defaultScopes()).containsExactly("https://outlook.office.com/SMTP.Send", "offline_access");
    assertThat(m.smtpHost()).contains("smtp.office365.com");
    assertThat(m.rotatesRefreshTokens()).isTrue();
    assertThat(m.oneResourcePerTokenRequest()).isTrue();
  }

  @Test
  void givenBadTenant_whenCreatingMicrosoft_thenRefusedWithTheChoices() {
    assertThatThrownBy(() -> OAuthProvider.microsoft("a/b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("common");
  }

  @Test
  void givenToBuilder_whenEndpointReplaced_thenOtherSettingsAreKept() {
    OAuthProvider p = OAuthProvider.google().toBuilder().tokenEndpoint(URI.create("http://127.0.0.1:1/token")).build();

    assertThat(p.tokenEndpoint()).hasToString("http://127.0.0.1:1/token");
    assertThat(p.name()).isEqualTo("google");
    assertThat(p.offlineAccessParameters()).containsEntry("prompt", "consent");
  }

  @Test
  void givenOptionSetTwice_whenBuilding_thenFailsLoudly() {
    OAuthProviderBuilder b = OAuthProvider.builder().name("x").tokenEndpoint(URI.create("https://x/token"));

    assertThatThrownBy(() -> b.tokenEndpoint(URI.create("https://y/token"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenEndpoint was already set");
  }

  @Test
  void givenNoTokenEndpoint_whenBuilding_thenFailsNamingIt() {
    assertThatThrownBy(() -> OAuthProvider.builder().name("x").build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("token endpoint");
  }

  @Test
  void givenMicrosoftScopesOfTwoResources_whenChecked_thenClearLocalError() {
    OAuthProvider m = OAuthProvider.microsoft("common");

    assertThatThrownBy(() -> Scopes.checkOneResource(m, List.of("https://outlook.office.com/SMTP.Send", "Mail.Send")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("one resource per request");
  }

  @Test
  void givenMicrosoftScopesOfOneResourcePlusOidc_whenChecked_thenAccepted() throws Exception {
    Scopes.checkOneResource(OAuthProvider.microsoft("common"),
        List.of("https://outlook.office.com/SMTP.Send", "https://outlook.office.com/IMAP.AccessAsUser.All",
            "offline_access", "openid"));
  }

  @Test
  void givenPublicClientWithSecret_whenBuildingApp_thenIncompatibleOptionsRefused() {
    assertThatThrownBy(() -> App.builder().provider(OAuthProvider.google()).clientId("c").clientSecret(Secret.of("abcdef"))
        .clientAuthentication(ClientAuthentication.NONE).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NONE");
  }

  @Test
  void givenAppWithoutScopes_whenBuilt_thenProviderMailScopesAreUsed() {
    App app = App.builder().provider(OAuthProvider.google()).clientId("c").build();

    assertThat(app.scopes()).containsExactly("https://mail.google.com/");
    assertThat(app.clientAuthentication()).isEqualTo(ClientAuthentication.NONE);
  }

  @Test
  void givenAppWithSecret_whenPrinted_thenSecretIsMasked() {
    App app = App.builder().provider(OAuthProvider.google()).clientId("c").clientSecret(Secret.of("very-secret-1")).build();

    assertThat(app.toString()).doesNotContain("very-secret-1").contains("sha256:");
  }
}
