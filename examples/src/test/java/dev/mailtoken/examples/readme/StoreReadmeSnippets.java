package dev.mailtoken.examples.readme;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoreOptions;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.List;

/**
 * The Java block of mailtoken-store/README.md, compiled with what it uses declared around it
 * (ReadmeSnippetsTest keeps it identical to the README). The store's own tests run these calls.
 */
final class StoreReadmeSnippets {
  private StoreReadmeSnippets() {
  }

  static void openAndUse(PrintWriter err, App app, Secret refreshToken, List<String> grantedScopes,
      AccessToken firstAccessToken, OAuthClient oauthClient) throws Exception {
    // snippet: mailtoken-store/README.md
    Map<String, String> env = System.getenv();
    Path home = StoreHome.resolve(env);                          // MAILTOKEN_HOME or ~/.mailtoken
    KeyRing keys = KeyRing.fromEnvironment(env, home);           // creates home/secret.key on first use
    keys.createdKeyFile().ifPresent(f -> err.println("created a new key at " + f + "; back it up"));
    try (CredentialStore store = CredentialStore.open(StoreHome.jdbcUrl(env, home), keys, Clock.systemUTC(),
        StoreOptions.fromEnvironment(env))) {                     // timeouts; open(url, keys, clock) = defaults
      store.addApp(StoredApp.from("gmail", ProviderKind.GOOGLE, app));
      store.putAccount(NewAccount.withRefreshToken("alice@example.com", "gmail", refreshToken, grantedScopes,
          Optional.of(firstAccessToken)));
      Optional<AccessToken> cached = store.cachedAccessToken("alice@example.com", Duration.ofMinutes(1));  // no network
      AccessToken token = cached.isPresent() ? cached.get() : store.freshToken("alice@example.com", false, oauthClient);

      // A TokenManager that loads accounts from the store and refreshes through it:
      TokenManager manager = TokenManager.builder().accountLoader(store.accountLoader(oauthClient)).build();
    }
    // end snippet
  }
}
