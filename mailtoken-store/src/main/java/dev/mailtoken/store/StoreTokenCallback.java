package dev.mailtoken.store;

import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenCallback;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token callback behind {@link CredentialStore#accountLoader}: asks the store for a fresh
 * token and remembers, per account and scope set, the token it last handed out. The manager calls
 * back only when it wants a token other than the one it holds (first use, proactive refresh, renew
 * after a rejection), so once a token was handed out the store is asked for one that differs from
 * it: a newer token another process stored, or a refresh. Handing the manager the token it already
 * holds would make it schedule the same refresh again at once. Thread-safe.
 */
final class StoreTokenCallback implements TokenCallback {
  /** An account and the scope key of one of its tokens. */
  private record Key(String account, String scopes) { }

  private final CredentialStore store;
  private final OAuthClient client;
  private final Map<Key, Secret> handedOut = new ConcurrentHashMap<>();

  StoreTokenCallback(CredentialStore store, OAuthClient client) {
    this.store = store;
    this.client = client;
  }

  Account account(String address) {
    return new Account(address, new CallbackGrant(this));
  }

  @Override
  public AccessToken token(String account, boolean renew) throws Exception {
    return token(account, List.of(), renew);
  }

  @Override
  public AccessToken token(String account, List<String> scopes, boolean renew) throws Exception {
    Key key = new Key(account, ResourceTokens.key(scopes));
    Secret previous = handedOut.get(key);
    AccessToken token = previous != null
        ? store.freshToken(account, scopes, new AccessToken(previous, Optional.empty(), Set.of()), client)
        : store.freshToken(account, scopes, renew, client);
    handedOut.put(key, token.value());
    return token;
  }
}
