package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.token.AccountHealth;
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
 * <p>Immutable. A new refresh token also clears the stored access token and sets the health
 * {@code HEALTHY}.
 */
public record AccountEdit(
    Optional<String> appName,
    Optional<String> subject,
    Optional<List<String>> grantedScopes,
    Optional<Secret> refreshToken,
    Optional<AccountHealth> health) {

  public AccountEdit {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(subject, "subject");
    grantedScopes = grantedScopes.map(List::copyOf);
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(health, "health");
  }

  /** Changes nothing. */
  public static AccountEdit none() {
    return new AccountEdit(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public AccountEdit withAppName(String name) {
    return new AccountEdit(Optional.of(name), subject, grantedScopes, refreshToken, health);
  }

  public AccountEdit withSubject(String newSubject) {
    return new AccountEdit(appName, Optional.of(newSubject), grantedScopes, refreshToken, health);
  }

  public AccountEdit withGrantedScopes(List<String> scopes) {
    return new AccountEdit(appName, subject, Optional.of(scopes), refreshToken, health);
  }

  public AccountEdit withRefreshToken(Secret token) {
    return new AccountEdit(appName, subject, grantedScopes, Optional.of(token), health);
  }

  public AccountEdit withHealth(AccountHealth newHealth) {
    return new AccountEdit(appName, subject, grantedScopes, refreshToken, Optional.of(newHealth));
  }
}
