package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import java.nio.file.Path;

/**
 * {@link CredentialStore#openExisting} found no store where it was told to look (no SQLite file, or
 * a PostgreSQL database without mailtoken's tables). Nothing was created: not the database, not
 * its directory. The message names the place.
 */
public class NoSuchStoreException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String location;

  public NoSuchStoreException(String message, String location) {
    super(message);
    this.location = location;
  }

  /** The standard message for a missing SQLite file. */
  static NoSuchStoreException sqlite(Path file) {
    return new NoSuchStoreException("There is no store at " + file + " (no such file); nothing was created. Check"
        + " MAILTOKEN_HOME / MAILTOKEN_DB, or create the store with CredentialStore.open.", file.toString());
  }

  /** Where the store was looked for: a file path or a database description without credentials. */
  public String location() {
    return location;
  }
}
