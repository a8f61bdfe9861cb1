package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.token.AccountHealth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An admin change to an account; empty fields are left as they are. Start from
 * {@link #none()} and add changes:
 *
 * <pre>{@code
 * store.updateAccount("a@example.com", account.version(), AccountEdit.none().withAppName("other-app"));
 * }</pre>
 *
 * <p>Immutable. A new refresh token also clears the stored access tokens (the account's own and
 * its resource tokens) and sets the health {@code HEALTHY}.
 *
 * @param transport the transport the account sends with when none is named: a short lower-case
 *     name ({@code mailtoken send} knows {@code smtp}, {@code gmail-api} and {@code graph})
 */
public record AccountEdit(
    Optional<String> appName,
    Optional<String> subject,
    Optional<List<String>> grantedScopes,
    Optional<Secret> refreshToken,
    Optional<AccountHealth> health,
    Optional<String> transport) {
  private static final Pattern TRANSPORT = Pattern.compile("[a-z][a-z0-9-]{0,19}");

  /** @throws IllegalArgumentException when {@code transport} is not a short lower-case name */
  public AccountEdit {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(subject, "subject");
    grantedScopes = grantedScopes.map(List::copyOf);
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(transport, "transport");
    if (transport.isPresent() && !TRANSPORT.matcher(transport.get()).matches()) {
      throw new IllegalArgumentException("a transport is a short lower-case name such as smtp or graph, got \""
          + transport.get() + "\"");
    }
  }

  /** An edit that leaves the default transport as it is (the record's shape before {@code transport}). */
  public AccountEdit(Optional<String> appName, Optional<String> subject, Optional<List<String>> grantedScopes,
      Optional<Secret> refreshToken, Optional<AccountHealth> health) {
    this(appName, subject, grantedScopes, refreshToken, health, Optional.empty());
  }

  /** Changes nothing. */
  public static AccountEdit none() {
    return new AccountEdit(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public AccountEdit withAppName(String name) {
    return new AccountEdit(Optional.of(name), subject, grantedScopes, refreshToken, health, transport);
  }

  public AccountEdit withSubject(String newSubject) {
    return new AccountEdit(appName, Optional.of(newSubject), grantedScopes, refreshToken, health, transport);
  }

  public AccountEdit withGrantedScopes(List<String> scopes) {
    return new AccountEdit(appName, subject, Optional.of(scopes), refreshToken, health, transport);
  }

  public AccountEdit withRefreshToken(Secret token) {
    return new AccountEdit(appName, subject, grantedScopes, Optional.of(token), health, transport);
  }

  public AccountEdit withHealth(AccountHealth newHealth) {
    return new AccountEdit(appName, subject, grantedScopes, refreshToken, Optional.of(newHealth), transport);
  }

  /** The account's default transport ({@link StoredAccount#transport()}). */
  public AccountEdit withTransport(String name) {
    return new AccountEdit(appName, subject, grantedScopes, refreshToken, health, Optional.of(name));
  }
}
