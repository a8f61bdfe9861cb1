package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;

/**
 * A row's columns that decide where its secrets are sent or how they are used (endpoints, client
 * id, scopes, SMTP server; an account's app, grant kind, subject and scopes) no longer match the
 * MAC written with the store key: someone changed the database without the key. The row is
 * refused before any network request; the message says what to re-add. Nothing was sent or
 * written when this is thrown.
 */
public class TamperedRowException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String rowKey;

  public TamperedRowException(String table, String rowKey, String message) {
    super(message, AccountRow.TABLE.equals(table) ? rowKey : null, null, null);
    this.table = table;
    this.rowKey = rowKey;
  }

  /** {@code apps}, {@code accounts} or {@code store_meta}. */
  public String table() {
    return table;
  }

  /** The app name, account address or store_meta entry that was changed. */
  public String rowKey() {
    return rowKey;
  }

  static TamperedRowException of(String table, String rowKey) {
    if (AppRows.TABLE.equals(table)) {
      return new TamperedRowException(table, rowKey, "App " + rowKey + " was changed without the store key (its"
          + " endpoints, client, scopes or SMTP server no longer match their MAC); nothing was sent; re-add it:"
          + " remove it (and the accounts using it) and add it again.");
    }
    if (AccountRow.TABLE.equals(table)) {
      return new TamperedRowException(table, rowKey, "Account " + rowKey + " was changed without the store key"
          + " (its app, grant kind, subject or scopes no longer match their MAC); nothing was sent; re-add it:"
          + " authorize or import it again, or remove it.");
    }
    return new TamperedRowException(table, rowKey, "The store's " + rowKey + " entry was changed without the"
        + " store key; restore the database from a backup. Nothing was sent.");
  }
}
