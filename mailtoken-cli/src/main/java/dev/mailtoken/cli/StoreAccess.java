package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.NoSuchStoreException;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoreOptions;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The opened credential store for one command, with where it lives (its key ring is {@code store().keys()}).
 * Closing it closes the store. Not thread-safe (one command at a time).
 */
final class StoreAccess implements AutoCloseable {
  private final CredentialStore store;
  private final Path home;
  private final String jdbcUrl;
  private final PrintWriter err;

  private StoreAccess(CredentialStore store, Path home, String jdbcUrl, PrintWriter err) {
    this.store = store;
    this.home = home;
    this.jdbcUrl = jdbcUrl;
    this.err = err;
  }

  /**
   * Opens the store with {@code MAILTOKEN_DB_CONNECT_TIMEOUT} and {@code MAILTOKEN_LOCK_WAIT} applied.
   *
   * @param mayCreate true: a missing SQLite store and key file are created (and that is said on
   *     {@code err}); false: a missing store is a {@link NoSuchStoreException} and nothing is created
   * @throws dev.mailtoken.ConfigurationException when one of the variables is not a duration
   */
  static StoreAccess open(Map<String, String> env, Clock clock, PrintWriter err, boolean mayCreate)
      throws MailtokenException {
    Path home = StoreHome.resolve(env);
    String url = StoreHome.jdbcUrl(env, home);
    StoreOptions options = StoreOptions.fromEnvironment(env);
    Optional<Path> file = StoreHome.sqliteFile(url);
    boolean missing = file.isPresent() && !Files.exists(file.get());
    if (missing && !mayCreate) {
      throw new NoSuchStoreException("no store at " + file.get() + "; nothing was created. Create one by adding an"
          + " app (mailtoken apps add NAME --provider google --client-id ID), or point --home / --db"
          + " (MAILTOKEN_HOME / MAILTOKEN_DB) at your store", file.get().toString());
    }
    KeyRing keys = mayCreate ? KeyRing.fromEnvironment(env, home) : KeyRing.existing(env, home);
    keys.createdKeyFile().ifPresent(created -> {
      err.println("created a new secret key at " + created + " (readable only by you); back it up: without it the"
          + " stored credentials cannot be read");
      err.flush();
    });
    CredentialStore store = mayCreate ? CredentialStore.open(url, keys, clock, options)
        : CredentialStore.openExisting(url, keys, clock, options);
    if (missing) {
      err.println("created a new store at " + file.get() + " (readable only by you)");
      err.flush();
    }
    return new StoreAccess(store, home, url, err);
  }

  CredentialStore store() {
    return store;
  }

  Path home() {
    return home;
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  /** The app, or a configuration error naming the apps there are. */
  StoredApp app(String name) throws MailtokenException {
    return store.app(name).orElseThrow(() -> new CliException(ExitCode.CONFIGURATION, "no app named \"" + name
        + "\" in " + jdbcUrl, "list them with: mailtoken apps list; add one with: mailtoken apps add " + name
        + " --provider google --client-id ID"));
  }

  /** The account, or a configuration error with the next step ({@link #noSuchAccount}). */
  StoredAccount account(String address) throws MailtokenException {
    Optional<StoredAccount> found = store.account(address);
    if (found.isEmpty()) {
      throw noSuchAccount(address);
    }
    return found.get();
  }

  /**
   * The error for an address the store does not hold: "did you mean" the stored address closest to it
   * (a typo) when one is close, else how to list and add accounts.
   */
  CliException noSuchAccount(String address) {
    List<String> stored;
    try {
      stored = store.accounts().stream().map(StoredAccount::address).toList();
    } catch (MailtokenException e) {
      stored = List.of();   // a row that cannot be read: no suggestion, the error stays the same
    }
    String hint = Suggestions.closest(address, stored).map(a -> "did you mean " + a + "? (mailtoken accounts list"
        + " shows them all)").orElse("list them with: mailtoken accounts list; add one with: mailtoken authorize"
        + " --app APP --account " + address);
    return new CliException(ExitCode.CONFIGURATION, "no account \"" + address + "\" in " + jdbcUrl, hint);
  }

  /**
   * Closes the store; when a refresh answer is still out (the provider was slower than
   * {@code MAILTOKEN_HTTP_TIMEOUT}) it says so first, because closing waits for it: ending now
   * could lose a rotated refresh token.
   */
  @Override
  public void close() throws MailtokenException {
    List<String> late = store.lateRefreshes();
    if (!late.isEmpty()) {
      err.println("waiting for the provider's late answer to the refresh of " + String.join(", ", late) + " (at most "
          + Main.HTTP_COMPLETION_TIMEOUT_VARIABLE + ") so that a rotated refresh token is saved, not lost");
      err.flush();
    }
    store.close();
  }
}
