package dev.mailtoken.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationCode;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.PendingAuthorization;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same engine against a real third-party authorization server, NAV's mock-oauth2-server
 * (configured to rotate refresh tokens), over sockets.
 */
class NavMockOAuth2ServerInteropTest {
  private static final String ISSUER = "mailtoken";
  private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

  @RegisterExtension final LogCapture logs = new LogCapture();

  private MockOAuth2Server server;
  private App app;
  private OAuthClient client;

  @BeforeEach
  void startServer() {
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, true));
    server.start();
    OAuthProvider provider = OAuthProvider.builder()
        .name("nav-mock-oauth2-server")
        .issuer(URI.create(server.issuerUrl(ISSUER).toString()))
        .authorizationEndpoint(URI.create(server.authorizationEndpointUrl(ISSUER).toString()))
        .tokenEndpoint(URI.create(server.tokenEndpointUrl(ISSUER).toString()))
        .defaultScopes(List.of("openid", "offline_access"))
        .rotatesRefreshTokens(true)
        .build();
    app = App.builder()
        .provider(provider)
        .clientId("interop-client")
        .clientSecret(Secret.of("interop-client-secret"))
        .redirectUri(REDIRECT)
        .scopes("openid", "offline_access")
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_BASIC)
        .build();
    client = OAuthClient.builder().build();
    logs.forbid("interop-client-secret");
  }

  @AfterEach
  void stopServer() {
    server.shutdown();
  }

  @Test
  void givenAuthorizationCodeWithPkce_whenExchanged_thenAccessAndRefreshTokensArrive() throws Exception {
    TokenResponse tokens = consent();

    assertThat(tokens.accessToken().length()).isGreaterThan(20);
    assertThat(tokens.refreshToken()).isPresent();
    assertThat(tokens.expiresIn()).isPresent();
    logs.forbid(tokens.accessToken().reveal(), tokens.refreshToken().get().reveal());
  }

  @Test
  void givenRotatingServer_whenTokenManagerRenews_thenRotatedRefreshTokenIsSavedAndUsed() throws Exception {
    TokenResponse first = consent();
    Secret original = first.refreshToken().orElseThrow();
    List<Secret> saved = new CopyOnWriteArrayList<>();
    try (TokenManager manager = TokenManager.builder()
        .oauthClient(client)
        .refreshTokenStore((account, refreshToken) -> saved.add(refreshToken))
        .build()) {
      manager.register(new Account("user@example.com", new RefreshTokenGrant(app, original)));

      var token1 = manager.token("user@example.com");
      var token2 = manager.renew("user@example.com", token1);

      assertThat(saved).hasSize(2).doesNotContain(original);
      assertThat(saved.get(0)).isNotEqualTo(saved.get(1));
      assertThat(token2.value()).isNotEqualTo(token1.value());
      logs.forbid(original.reveal(), token1.value().reveal(), token2.value().reveal());
      saved.forEach(s -> logs.forbid(s.reveal()));
    }
  }

  @Test
  void givenClientCredentials_whenRequested_thenAnAccessTokenWithoutRefreshTokenArrives() throws Exception {
    TokenResponse tokens = client.clientCredentials(app, List.of("mail.send"));

    assertThat(tokens.accessToken().length()).isGreaterThan(20);
    assertThat(tokens.refreshToken()).isEmpty();
    logs.forbid(tokens.accessToken().reveal());
  }

  /** Acts as the browser: follows the authorization URL to the redirect and validates it. */
  private TokenResponse consent() throws Exception {
    PendingAuthorization pending = PendingAuthorization.builder(app).build();
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<Void> redirect = browser.send(
        HttpRequest.newBuilder(pending.uri()).GET().build(), HttpResponse.BodyHandlers.discarding());
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(pending.uri().getQuery()).contains("code_challenge_method=S256");
    AuthorizationCode code = pending.validate(callback);
    return client.exchangeCode(app, code);
  }
}
