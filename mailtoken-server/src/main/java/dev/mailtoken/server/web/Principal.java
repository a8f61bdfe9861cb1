package dev.mailtoken.server.web;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: an API token or a logged-in admin session, with what it may do.
 *
 * @param id the API token's id, or {@code session:<id>} for a web login; names the caller in the
 *     audit log and request log (never a secret)
 * @param scopes what it may do ({@link Scope#ADMIN} implies every scope)
 * @param accounts the accounts it is bound to; empty means every account
 */
public record Principal(String id, Set<Scope> scopes, Set<String> accounts) {
  public Principal {
    Objects.requireNonNull(id, "id");
    scopes = Set.copyOf(scopes);
    accounts = Set.copyOf(accounts);
  }

  /** True when this principal holds {@code scope} (or {@link Scope#ADMIN}). */
  public boolean has(Scope scope) {
    return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
  }

  /** True when this principal may act on {@code account}. */
  public boolean mayUse(String account) {
    return accounts.isEmpty() || accounts.contains(account);
  }
}
