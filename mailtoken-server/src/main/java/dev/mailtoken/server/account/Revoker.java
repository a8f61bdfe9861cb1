package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.Revocation;
import dev.mailtoken.oauth.TokenTypeHint;
import dev.mailtoken.store.AccountSecrets;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.NoSuchEntryException;
import dev.mailtoken.store.StoredAccount;
import java.util.Optional;

/**
 * Revokes an account's grant at its provider before the account is removed: the refresh token
 * (which takes the whole grant along at Google), else the access token. Honest about providers
 * without a revocation endpoint (Microsoft): says so and how to remove the consent.
 */
final class Revoker {
  private final CredentialStore store;
  private final OAuthClient client;

  Revoker(CredentialStore store, OAuthClient client) {
    this.store = store;
    this.client = client;
  }

  Removal revoke(StoredAccount a) throws MailtokenException {
    App app = store.app(a.appName()).orElseThrow(() -> new NoSuchEntryException("Account " + a.address()
        + " uses app " + a.appName() + ", which is not in the store.", a.address())).toApp();
    String provider = app.provider().name();
    if (app.provider().revocationEndpoint().isEmpty()) {
      return new Removal(a.address(), false, provider.equals("microsoft")
          ? "Microsoft has no revocation endpoint: the refresh token stays valid until it expires or the consent is"
          + " removed at https://myapps.microsoft.com (or by an admin in Entra ID > Enterprise applications)."
          : provider + " has no revocation endpoint: remove the app's access in the account's security settings.");
    }
    Optional<AccountSecrets> secrets = store.secrets(a.address());
    Optional<Secret> refresh = secrets.flatMap(AccountSecrets::refreshToken);
    Optional<Secret> access = secrets.flatMap(AccountSecrets::accessToken).map(t -> t.value());
    if (refresh.isEmpty() && access.isEmpty()) {
      return new Removal(a.address(), true, "No secrets were stored (already revoked); nothing to revoke at "
          + provider + ".");
    }
    Revocation r = refresh.isPresent()
        ? client.revoke(app, refresh.get(), TokenTypeHint.REFRESH_TOKEN)
        : client.revoke(app, access.get(), TokenTypeHint.ACCESS_TOKEN);
    return new Removal(a.address(), true, r == Revocation.ALREADY_INVALID
        ? provider + " says the grant was already invalid." : "The grant was revoked at " + provider + ".");
  }
}
