package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.OAuthError;
import dev.mailtoken.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackValidationTest {
  private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

  private final App app = App.builder().provider(OAuthProvider.google()).clientId("client-1")
      .clientSecret(Secret.of("s3cr3t-value")).redirectUri(REDIRECT).build();
  private final PendingAuthorization pending =
      PendingAuthorization.builder(app).loginHint("alice@example.com").build();

  private URI callback(String query) {
    return URI.create(REDIRECT + "?" + query);
  }

  private String state() {
    return pending.state().reveal();
  }

  @Test
  void givenEncodedGoogleCode_whenValidating_thenCodeIsDecodedExactlyOnce() throws Exception {
    AuthorizationCode code = pending.validate(callback("code=4%2F0AbC%252Bx&state=" + state()));

    assertThat(code.code().reveal()).isEqualTo("4/0AbC%2Bx");
  }

  @Test
  void givenAlreadyDecodedParameters_whenValidating_thenTheyAreNotDecodedAgain() throws Exception {
    AuthorizationCode code = pending.validate(Map.of("code", "4/0AbC%2Bx", "state", state()));

    assertThat(code.code().reveal()).isEqualTo("4/0AbC%2Bx");
  }

  @Test
  void givenValidCallback_whenValidating_thenCodeCarriesVerifierRedirectAndGrantedScope() throws Exception {
    AuthorizationCode code = pending.validate(callback("code=abc&scope=https%3A%2F%2Fmail.google.com%2F%20openid"
        + "&authuser=0&state=" + state()));

    assertThat(code.codeVerifier()).isEqualTo(pending.codeVerifier());
    assertThat(code.redirectUri()).isEqualTo(REDIRECT);
    assertThat(code.grantedScopes()).contains(java.util.Set.of("https://mail.google.com/", "openid"));
    assertThat(code.refreshTokenRequired()).isTrue();
    assertThat(code.account()).contains("alice@example.com");
  }

  @Test
  void givenOtherState_whenValidating_thenStateMismatch() {
    assertThatThrownBy(() -> pending.validate(callback("code=abc&state=forged")))
        .isInstanceOf(StateMismatchException.class).hasMessageContaining("does not match");
  }

  @Test
  void givenNoState_whenValidating_thenStateMismatch() {
    assertThatThrownBy(() -> pending.validate(callback("code=abc"))).isInstanceOf(StateMismatchException.class);
  }

  @Test
  void givenErrorWithForgedState_whenValidating_thenStateMismatchWins() {
    assertThatThrownBy(() -> pending.validate(callback("error=access_denied&state=nope")))
        .isInstanceOf(StateMismatchException.class);
  }

  @Test
  void givenAccessDenied_whenValidating_thenTypedDenialNamingAccount() {
    assertThatThrownBy(() -> pending.validate(callback("error=access_denied&state=" + state())))
        .isInstanceOfSatisfying(AuthorizationDeniedException.class, e -> {
          assertThat(e.deniedByUser()).isTrue();
          assertThat(e.oauthError()).get().extracting(OAuthError::error).isEqualTo("access_denied");
          assertThat(e.account()).contains("alice@example.com");
          assertThat(e.getMessage()).contains("declined").contains("alice@example.com");
        });
  }

  @Test
  void givenPolicyError_whenValidating_thenDeniedButNotByUser() {
    assertThatThrownBy(() -> pending.validate(callback("error=admin_policy_enforced&error_description=Blocked"
        + "&state=" + state())))
        .isInstanceOfSatisfying(AuthorizationDeniedException.class, e -> assertThat(e.deniedByUser()).isFalse());
  }

  @Test
  void givenNeitherCodeNorError_whenValidating_thenAuthorizationException() {
    assertThatThrownBy(() -> pending.validate(callback("state=" + state())))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("neither a code nor an error");
  }

  @Test
  void givenStateMismatch_whenFailing_thenMessageHoldsNoSecret() {
    assertThatThrownBy(() -> pending.validate(callback("code=the-code-value&state=x")))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(state()).doesNotContain("the-code-value"));
  }
}
