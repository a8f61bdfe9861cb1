package dev.mailtoken.token;

import dev.mailtoken.Secret;

/**
 * The persistence hook for rotated refresh tokens. The manager calls {@link #save} and waits for
 * it to return before the access token from the same response is cached or handed to anyone.
 *
 * <p>Called outside any lock, for one account at a time, on the thread that completed the
 * refresh: the caller's, or the HTTP client's when the answer arrived after the caller stopped
 * waiting (it is saved even then, and even after the manager was closed). If it throws, the new access token is
 * not handed out and callers get a {@link RefreshTokenPersistenceException}; the manager keeps
 * using the new refresh token in memory (the provider may already have retired the old one) and
 * tries to save again after the next refresh.
 */
@FunctionalInterface
public interface RefreshTokenStore {

  /** Keeps refresh tokens in memory only: they are lost when the process ends. The default. */
  RefreshTokenStore NONE = (account, refreshToken) -> { };

  /** Durably stores {@code refreshToken} as {@code account}'s current refresh token. */
  void save(String account, Secret refreshToken) throws Exception;
}
