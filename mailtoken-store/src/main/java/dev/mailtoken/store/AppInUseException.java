package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import java.util.List;

/** An app cannot be removed while accounts use it; nothing was changed. */
public class AppInUseException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final List<String> accounts;

  public AppInUseException(String app, List<String> accounts) {
    super("App " + app + " is used by " + accounts.size() + " account(s) (" + String.join(", ", accounts)
        + "); remove those accounts first.");
    this.accounts = List.copyOf(accounts);
  }

  /** The addresses of the accounts that use the app. */
  public List<String> accounts() {
    return accounts;
  }
}
