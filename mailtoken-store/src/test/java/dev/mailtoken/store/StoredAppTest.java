package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Apps round-trip through {@link StoredApp} without losing provider quirks; where the store lives. */
class StoredAppTest {

  @Test
  void givenGoogleAppPointingAtAnEmulator_whenStoredAndRebuilt_thenEndpointsAndGoogleQuirksSurvive() {
    OAuthProvider provider = OAuthProvider.google().toBuilder().tokenEndpoint(URI.create("http://127.0.0.1:4711/token"))
        .build();
    App app = App.builder().provider(provider).clientId("cid").clientSecret(Secret.of("cs")).build();

    App rebuilt = StoredApp.from("g", ProviderKind.GOOGLE, app).toApp();

    assertThat(rebuilt.provider().tokenEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4711/token"));
    assertThat(rebuilt.provider().offlineAccessParameters()).containsEntry("access_type", "offline");
    assertThat(rebuilt.provider().revocationEndpoint()).isEqualTo(provider.revocationEndpoint());
    assertThat(rebuilt.scopes()).isEqualTo(app.scopes());
    assertThat(rebuilt.clientSecret()).contains(Secret.of("cs"));
  }

  @Test
  void givenOidcApp_whenRebuilt_thenTheProviderIsNamedAfterTheAppNotTheIssuersHost() {
    App app = App.builder().provider(OAuthProvider.builder().name("idp.example.com")
        .issuer(URI.create("https://idp.example.com/realms/mail")).tokenEndpoint(URI.create("https://idp.example.com/t"))
        .build()).clientId("cid").scopes(java.util.List.of("mail")).build();

    assertThat(StoredApp.from("work", ProviderKind.OIDC, app).toApp().provider().name()).isEqualTo("work");
  }

  @Test
  void givenOidcAppNamedLikeAPreset_whenRebuilt_thenItsProviderIsNotTakenForThePreset() {
    App app = App.builder().provider(OAuthProvider.builder().name("idp.example.com")
        .issuer(URI.create("https://idp.example.com/realms/mail")).tokenEndpoint(URI.create("https://idp.example.com/t"))
        .build()).clientId("cid").scopes(java.util.List.of("mail")).build();

    assertThat(StoredApp.from("google", ProviderKind.OIDC, app).toApp().provider().name()).isEqualTo("idp.example.com");
  }

  @Test
  void givenMicrosoftApp_whenStored_thenTenantIsKeptAndRotationQuirkRestored() {
    App app = App.builder().provider(OAuthProvider.microsoft("contoso.onmicrosoft.com")).clientId("cid").build();

    StoredApp stored = StoredApp.from("m", ProviderKind.MICROSOFT, app);
    App rebuilt = stored.toApp();

    assertThat(stored.tenant()).contains("contoso.onmicrosoft.com");
    assertThat(stored.revocationEndpoint()).isEmpty();
    assertThat(rebuilt.provider().rotatesRefreshTokens()).isTrue();
    assertThat(rebuilt.provider().tokenEndpoint()).isEqualTo(app.provider().tokenEndpoint());
    assertThat(rebuilt.clientSecret()).isEmpty();
  }

  @Test
  void givenMicrosoftAppWithAnEmulatorDeviceEndpoint_whenStoredAndRebuilt_thenThatDeviceEndpointIsUsed() {
    OAuthProvider provider = OAuthProvider.microsoft("contoso.onmicrosoft.com").toBuilder()
        .deviceAuthorizationEndpoint(URI.create("http://127.0.0.1:4711/common/oauth2/v2.0/devicecode")).build();
    App app = App.builder().provider(provider).clientId("cid").build();

    StoredApp stored = StoredApp.from("m", ProviderKind.MICROSOFT, app);

    assertThat(stored.deviceAuthorizationEndpoint()).isEqualTo(provider.deviceAuthorizationEndpoint());
    assertThat(stored.toApp().provider().deviceAuthorizationEndpoint())
        .contains(URI.create("http://127.0.0.1:4711/common/oauth2/v2.0/devicecode"));
  }

  @Test
  void givenMicrosoftAppStoredWithoutADeviceEndpoint_whenRebuilt_thenThePresetsEndpointApplies() {
    App app = App.builder().provider(OAuthProvider.microsoft("contoso.onmicrosoft.com")).clientId("cid").build();
    StoredApp old = StoredApp.from("m", ProviderKind.MICROSOFT, app);
    StoredApp withoutDevice = new StoredApp(old.name(), old.kind(), old.tenant(), old.issuer(), old.tokenEndpoint(),
        old.authorizationEndpoint(), old.revocationEndpoint(), old.userinfoEndpoint(), old.clientId(),
        old.clientSecret(), old.redirectUri(), old.scopes(), old.smtpHost(), old.smtpPort());

    assertThat(withoutDevice.toApp().provider().deviceAuthorizationEndpoint()).contains(
        URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"));
  }

  @Test
  void givenClientSecret_whenAppPrinted_thenOnlyItsFingerprintShows() {
    App app = App.builder().provider(OAuthProvider.google()).clientId("cid").clientSecret(Secret.of("s3cr3t-value"))
        .build();

    assertThat(StoredApp.from("g", ProviderKind.GOOGLE, app).toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void givenEnvironment_whenHomeAndUrlResolved_thenOverridesWinOverDefaults() {
    Path home = StoreHome.resolve(Map.of("MAILTOKEN_HOME", "/srv/mt"));

    assertThat(home).isEqualTo(Path.of("/srv/mt"));
    assertThat(StoreHome.jdbcUrl(Map.of(), home)).isEqualTo("jdbc:sqlite:/srv/mt/mailtoken.db");
    assertThat(StoreHome.jdbcUrl(Map.of("MAILTOKEN_DB", "jdbc:postgresql://db/mt"), home))
        .isEqualTo("jdbc:postgresql://db/mt");
    assertThat(StoreHome.resolve(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".mailtoken"));
  }
}
