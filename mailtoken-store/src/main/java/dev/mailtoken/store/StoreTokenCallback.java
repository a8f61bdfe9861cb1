package dev.mailtoken.store;

import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.Secret;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenCallback;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token callback behind {@link CredentialStore#accountLoader}: asks the store for a fresh
 * token and remembers, per account, the token it handed out, which is the one a renew says was
 * rejected. Thread-safe.
 */
final class StoreTokenCallback implements TokenCallback {
  private final CredentialStore store;
  private final OAuthClient client;
  private final Map<String, Secret> handedOut = new ConcurrentHashMap<>();

  StoreTokenCallback(CredentialStore store, OAuthClient client) {
    this.store = store;
    this.client = client;
  }

  Account account(String address) {
    return new Account(address, new CallbackGrant(this));
  }

  @Override
  public AccessToken token(String account, boolean renew) throws Exception {
    Optional<Secret> rejected = renew ? Optional.ofNullable(handedOut.get(account)) : Optional.empty();
    AccessToken token = rejected.isPresent()
        ? store.freshToken(account, new AccessToken(rejected.get(), Optional.empty(), java.util.Set.of()), client)
        : store.freshToken(account, renew, client);
    handedOut.put(account, token.value());
    return token;
  }
}
