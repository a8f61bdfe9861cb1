package dev.mailtoken.store;

import dev.mailtoken.oauth.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin change to an account; empty fields are left as they are. Start from
 * {@link #none()} and add changes:
 *
 * <pre>{@code
 * store.updateAccount("a@example.com", account.version(), AccountEdit.none().withAppName("other-app"));
 * }</pre>
 *
 * <p>Immutable. A new refresh token also clears the stored access token and sets the status
 * {@code HEALTHY}.
 */
public record AccountEdit(
    Optional<String> appName,
    Optional<String> subject,
    Optional<List<String>> grantedScopes,
    Optional<Secret> refreshToken,
    Optional<AccountState> status) {

  public AccountEdit {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(subject, "subject");
    grantedScopes = grantedScopes.map(List::copyOf);
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(status, "status");
  }

  /** Changes nothing. */
  public static AccountEdit none() {
    return new AccountEdit(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public AccountEdit withAppName(String name) {
    return new AccountEdit(Optional.of(name), subject, grantedScopes, refreshToken, status);
  }

  public AccountEdit withSubject(String newSubject) {
    return new AccountEdit(appName, Optional.of(newSubject), grantedScopes, refreshToken, status);
  }

  public AccountEdit withGrantedScopes(List<String> scopes) {
    return new AccountEdit(appName, subject, Optional.of(scopes), refreshToken, status);
  }

  public AccountEdit withRefreshToken(Secret token) {
    return new AccountEdit(appName, subject, grantedScopes, Optional.of(token), status);
  }

  public AccountEdit withStatus(AccountState newStatus) {
    return new AccountEdit(appName, subject, grantedScopes, refreshToken, Optional.of(newStatus));
  }
}
