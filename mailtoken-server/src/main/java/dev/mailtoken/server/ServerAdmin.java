package dev.mailtoken.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.apitoken.ApiTokens;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.login.LoginSettings;
import dev.mailtoken.server.login.Logins;
import dev.mailtoken.store.CredentialStore;
import java.time.Clock;
import java.util.Objects;

/**
 * The server's administration without a running server, on the same database: what the CLI's
 * {@code mailtoken api-tokens} and {@code mailtoken admin-password} verbs use. Changes are seen at once by every running node.
 * Thread-safe; the caller owns and closes the store.
 */
public final class ServerAdmin {
  private final ApiTokens apiTokens;
  private final AuditLog audit;
  private final Logins logins;

  private ServerAdmin(ServerDatabase db, Clock clock) {
    this.audit = new AuditLog(db, clock);
    this.apiTokens = new ApiTokens(db, audit, clock);
    this.logins = new Logins(db, apiTokens, audit, clock, LoginSettings.defaults());
  }

  /**
   * Prepares the server's tables in {@code store}'s database (migrating them when needed).
   *
   * @throws MailtokenException when the database cannot be prepared
   */
  public static ServerAdmin open(CredentialStore store, Clock clock) throws MailtokenException {
    return new ServerAdmin(ServerDatabase.open(Objects.requireNonNull(store, "store")),
        Objects.requireNonNull(clock, "clock"));
  }

  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public ApiTokens apiTokens() {
    return apiTokens;
  }

  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public AuditLog audit() {
    return audit;
  }

  /** The admin password ({@code mailtoken admin-password set|clear}); a change ends password sessions on every node. */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public Logins logins() {
    return logins;
  }
}
