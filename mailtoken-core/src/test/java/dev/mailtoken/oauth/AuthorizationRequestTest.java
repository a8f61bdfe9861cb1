package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {
  private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

  private static App googleApp() {
    return App.builder().provider(OAuthProvider.google()).clientId("client-1").clientSecret(Secret.of("s3cr3t-value"))
        .redirectUri(REDIRECT).build();
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  @Test
  void givenGoogleApp_whenBuildingRequest_thenUriCarriesProtocolParametersAndOfflineQuirks() {
    PendingAuthorization pending = PendingAuthorization.builder(googleApp()).loginHint("alice@example.com").build();

    Map<String, String> q = query(pending.uri());

    assertThat(pending.uri().toString()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?");
    assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
        .containsEntry("redirect_uri", REDIRECT.toString()).containsEntry("scope", "https://mail.google.com/")
        .containsEntry("login_hint", "alice@example.com").containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent").containsEntry("code_challenge_method", "S256")
        .doesNotContainKey("approval_prompt");
  }

  @Test
  void givenPkceOn_whenBuildingRequest_thenChallengeIsS256OfTheVerifier() throws Exception {
    PendingAuthorization pending = PendingAuthorization.builder(googleApp()).build();

    String verifier = pending.codeVerifier().orElseThrow().reveal();
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));

    assertThat(verifier).matches("[A-Za-z0-9_-]{43,128}");
    assertThat(query(pending.uri())).containsEntry("code_challenge",
        Base64.getUrlEncoder().withoutPadding().encodeToString(sha));
  }

  @Test
  void givenTwoRequests_whenComparingState_thenEachHasAtLeast128FreshRandomBits() {
    PendingAuthorization a = PendingAuthorization.builder(googleApp()).build();
    PendingAuthorization b = PendingAuthorization.builder(googleApp()).build();

    assertThat(Base64.getUrlDecoder().decode(a.state().reveal())).hasSizeGreaterThanOrEqualTo(16);
    assertThat(a.state()).isNotEqualTo(b.state());
    assertThat(query(a.uri())).containsEntry("state", a.state().reveal());
  }

  @Test
  void givenPkceOff_whenBuildingRequest_thenNoChallengeIsSent() {
    PendingAuthorization pending = PendingAuthorization.builder(googleApp()).pkce(false).build();

    assertThat(query(pending.uri())).doesNotContainKeys("code_challenge", "code_challenge_method");
    assertThat(pending.codeVerifier()).isEmpty();
  }

  @Test
  void givenMicrosoftApp_whenBuildingRequest_thenOfflineAccessScopeIsAskedAndNoGoogleParameters() {
    App app = App.builder().provider(OAuthProvider.microsoft("contoso.onmicrosoft.com")).clientId("ms-client")
        .redirectUri(REDIRECT).build();

    Map<String, String> q = query(PendingAuthorization.builder(app).build().uri());

    assertThat(q.get("scope").split(" ")).containsExactlyInAnyOrder("https://outlook.office.com/SMTP.Send",
        "offline_access");
    assertThat(q).doesNotContainKeys("access_type", "prompt");
  }

  @Test
  void givenNoRefreshTokenWanted_whenBuildingGoogleRequest_thenOfflineQuirksAreLeftOut() {
    Map<String, String> q = query(PendingAuthorization.builder(googleApp()).refreshTokenRequired(false).build().uri());

    assertThat(q).doesNotContainKeys("access_type", "prompt");
  }

  @Test
  void givenExtraParameters_whenBuildingRequest_thenTheyAreAddedAndMayOverrideQuirks() {
    Map<String, String> q = query(PendingAuthorization.builder(googleApp())
        .extraParameter("hd", "example.com").extraParameter("prompt", "select_account consent").build().uri());

    assertThat(q).containsEntry("hd", "example.com").containsEntry("prompt", "select_account consent");
  }

  @Test
  void givenApprovalPromptOrReservedParameter_whenAdded_thenRefused() {
    AuthorizationRequestBuilder b = PendingAuthorization.builder(googleApp());

    assertThatThrownBy(() -> b.extraParameter("approval_prompt", "force")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prompt");
    assertThatThrownBy(() -> b.extraParameter("state", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenScopeWithSpaces_whenEncoded_thenSpacesArePercent20() {
    App app = App.builder().provider(OAuthProvider.google()).clientId("c").redirectUri(REDIRECT)
        .scopes("openid", "email", "https://mail.google.com/").build();

    String raw = PendingAuthorization.builder(app).build().uri().getRawQuery();

    assertThat(raw).contains("scope=openid%20email%20https%3A%2F%2Fmail.google.com%2F").doesNotContain("+");
  }

  @Test
  void givenAppWithoutRedirectUri_whenBuilding_thenFailsNamingTheOption() {
    App app = App.builder().provider(OAuthProvider.google()).clientId("c").build();

    assertThatThrownBy(() -> PendingAuthorization.builder(app).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("redirectUri");
  }

  @Test
  void givenPendingAuthorization_whenPrinted_thenStateAndVerifierAreHidden() {
    PendingAuthorization pending = PendingAuthorization.builder(googleApp()).build();

    assertThat(pending.toString()).doesNotContain(pending.state().reveal())
        .doesNotContain(pending.codeVerifier().orElseThrow().reveal());
  }
}
