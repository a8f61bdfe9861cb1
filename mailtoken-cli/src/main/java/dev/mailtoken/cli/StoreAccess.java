package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoreOptions;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

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
   * @throws dev.mailtoken.ConfigurationException when one of them is not a duration
   */
  static StoreAccess open(Map<String, String> env, Clock clock, PrintWriter err) throws MailtokenException {
    Path home = StoreHome.resolve(env);
    String url = StoreHome.jdbcUrl(env, home);
    StoreOptions options = StoreOptions.fromEnvironment(env);
    KeyRing keys = KeyRing.fromEnvironment(env, home);
    keys.createdKeyFile().ifPresent(file -> {
      err.println("created a new secret key at " + file + " (readable only by you); back it up: without it the"
          + " stored credentials cannot be read");
      err.flush();
    });
    return new StoreAccess(CredentialStore.open(url, keys, clock, options), home, url, err);
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

  /** The account, or a configuration error with the next step. */
  StoredAccount account(String address) throws MailtokenException {
    return store.account(address).orElseThrow(() -> new CliException(ExitCode.CONFIGURATION, "no account \""
        + address + "\" in " + jdbcUrl, "list them with: mailtoken accounts list; add one with: mailtoken"
        + " authorize --app APP --account " + address));
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
