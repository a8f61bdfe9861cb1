package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account to store: its app, grant kind and the secrets that grant needs.
 *
 * <ul>
 *   <li>{@code REFRESH_TOKEN}: {@code refreshToken} required;
 *   <li>{@code SERVICE_ACCOUNT}: {@code serviceAccountKeyJson} required, {@code subject} optional;
 *   <li>{@code FIXED_TOKEN}: {@code fixedToken} required; the expiry, when known, comes from
 *       {@code accessToken}.
 * </ul>
 *
 * <p>Immutable; prints secrets as fingerprints only.
 *
 * @param accessToken the access token from the code exchange or import check, stored so the
 *     first {@code mailtoken token} needs no refresh
 */
public record NewAccount(
    String address,
    String appName,
    GrantKind kind,
    Optional<Secret> refreshToken,
    Optional<Secret> serviceAccountKeyJson,
    Optional<String> subject,
    Optional<Secret> fixedToken,
    List<String> grantedScopes,
    Optional<AccessToken> accessToken) {

  public NewAccount {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(serviceAccountKeyJson, "serviceAccountKeyJson");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(fixedToken, "fixedToken");
    grantedScopes = List.copyOf(grantedScopes);
    Objects.requireNonNull(accessToken, "accessToken");
    if (address.isBlank()) {
      throw new IllegalArgumentException("an account address must not be blank");
    }
    if (appName.isBlank()) {
      throw new IllegalArgumentException("an account needs the name of its app");
    }
    if (kind == GrantKind.REFRESH_TOKEN && refreshToken.isEmpty()) {
      throw new IllegalArgumentException("a REFRESH_TOKEN account needs a refresh token");
    }
    if (kind == GrantKind.SERVICE_ACCOUNT && serviceAccountKeyJson.isEmpty()) {
      throw new IllegalArgumentException("a SERVICE_ACCOUNT account needs the service-account key JSON");
    }
    if (kind == GrantKind.FIXED_TOKEN && fixedToken.isEmpty()) {
      throw new IllegalArgumentException("a FIXED_TOKEN account needs the fixed token");
    }
  }

  /** This account under another spelling of its address (the stored one, when they differ only in case). */
  NewAccount at(String storedAddress) {
    return storedAddress.equals(address) ? this : new NewAccount(storedAddress, appName, kind, refreshToken,
        serviceAccountKeyJson, subject, fixedToken, grantedScopes, accessToken);
  }

  /** A 3-legged account: the refresh token from consent, with the first access token if there is one. */
  public static NewAccount withRefreshToken(String address, String appName, Secret refreshToken,
      List<String> grantedScopes, Optional<AccessToken> accessToken) {
    return new NewAccount(address, appName, GrantKind.REFRESH_TOKEN, Optional.of(refreshToken), Optional.empty(),
        Optional.empty(), Optional.empty(), grantedScopes, accessToken);
  }

  /** A 2-legged account: the service-account key JSON and the mailbox to impersonate, if any. */
  public static NewAccount withServiceAccount(String address, String appName, Secret keyJson,
      Optional<String> subject, List<String> scopes) {
    return new NewAccount(address, appName, GrantKind.SERVICE_ACCOUNT, Optional.empty(), Optional.of(keyJson),
        subject, Optional.empty(), scopes, Optional.empty());
  }

  /** An account with a fixed access token (its expiry, if known, in {@code token}). */
  public static NewAccount withFixedToken(String address, String appName, AccessToken token) {
    return new NewAccount(address, appName, GrantKind.FIXED_TOKEN, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(token.value()), List.copyOf(token.scopes()), Optional.of(token));
  }
}
