package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.ServerAdmin;
import dev.mailtoken.server.apitoken.ApiTokens;
import dev.mailtoken.server.login.Logins;
import java.io.PrintWriter;

/**
 * Sets and clears the admin password in the store's database through the server's
 * {@code ServerAdmin}; a running server sees the change at once. Kept apart from the command
 * classes so picocli's model of the command line never loads server classes.
 */
final class AdminPasswordWriter {
  private final Main main;
  private final PrintWriter err;

  AdminPasswordWriter(Main main, PrintWriter err) {
    this.main = main;
    this.err = err;
  }

  void set(Secret password) throws MailtokenException {
    if (password.reveal().length() < Logins.MIN_PASSWORD_LENGTH) {
      throw new CliException(ExitCode.USAGE, "the admin password needs at least " + Logins.MIN_PASSWORD_LENGTH
          + " characters; nothing was changed", "choose a longer one, e.g. four random words");
    }
    if (password.reveal().startsWith(ApiTokens.PREFIX)) {
      throw new CliException(ExitCode.USAGE, "the admin password must not start with " + ApiTokens.PREFIX
          + " (API tokens do, and the login form tells the two apart by it); nothing was changed");
    }
    try (StoreAccess access = main.openOrCreateStore(err)) {
      ServerAdmin.open(access.store(), main.context().clock()).logins().setPassword(password, "cli");
    }
  }

  boolean clear() throws MailtokenException {
    try (StoreAccess access = main.openStore(err)) {
      return ServerAdmin.open(access.store(), main.context().clock()).logins().clearPassword("cli");
    }
  }
}
