package dev.mailtoken.examples.readme;

import dev.mailtoken.Secret;
import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenCallback;
import dev.mailtoken.token.TokenManager;
import java.util.List;

/**
 * The Java block of docs/microsoft.md (app-only Graph with client credentials), compiled
 * (ReadmeSnippetsTest keeps it identical to the guide). Never run: it names Microsoft's servers.
 */
final class MicrosoftGuideSnippets {
  private MicrosoftGuideSnippets() {
  }

  static void appOnlyGraph() {
    // snippet: docs/microsoft.md
    OAuthClient client = OAuthClient.builder().build();
    App daemon = App.builder()
        .provider(OAuthProvider.microsoft("contoso.onmicrosoft.com"))   // a tenant, never "common"
        .clientId("11111111-2222-3333-4444-555555555555")
        .clientSecret(Secret.of(System.getenv("M365_CLIENT_SECRET")))
        .scopes(List.of("https://graph.microsoft.com/.default"))
        .build();
    TokenCallback appOnly = (account, renew) -> {            // one app token serves every mailbox
      TokenResponse r = client.clientCredentials(daemon, List.of());
      return new AccessToken(r.accessToken(), r.expiresAt(), r.scopes());
    };
    TokenManager tokens = TokenManager.builder().oauthClient(client).build();
    tokens.register(new Account("noreply@contoso.com", new CallbackGrant(appOnly)));
    Mailer mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(GraphApi.builder().perUserPath(true).build())   // /v1.0/users/noreply@contoso.com/sendMail
        .build();
    // end snippet
    mailer.close();
  }
}
