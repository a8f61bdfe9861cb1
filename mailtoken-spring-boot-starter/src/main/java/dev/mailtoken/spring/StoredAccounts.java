package dev.mailtoken.spring;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.mail.MailTransport;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoreOptions;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The setup of a store-backed configuration: opens the existing store at {@code mailtoken.store.url}
 * with the key from the environment ({@code MAILTOKEN_SECRET}, {@code MAILTOKEN_SECRET_FILE}, else
 * {@code $MAILTOKEN_HOME/secret.key}; never created here), and gives every stored account its app's
 * SMTP server. Accounts are loaded into the token manager on first use, and refreshed through the
 * store, so processes sharing it refresh each account once. Used once, at startup.
 */
final class StoredAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(StoredAccounts.class);

  private StoredAccounts() {
  }

  static MailtokenSetup setup(MailtokenProperties properties, EnvironmentVariables env, Clock clock,
      SmtpServers smtp) {
    if (!properties.accounts().isEmpty() || !properties.apps().isEmpty()) {
      throw new IllegalStateException("mailtoken: mailtoken.store.url is set together with mailtoken.accounts or"
          + " mailtoken.apps: use one of them (the store holds its own apps and accounts)");
    }
    CredentialStore store = open(properties.store(), env, clock);
    try {
      return fromStore(store, properties, smtp);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static CredentialStore open(MailtokenProperties.Store s, EnvironmentVariables env, Clock clock) {
    Map<String, String> vars = env.asMap();
    Path home = StoreHome.resolve(vars);
    try {
      KeyRing keys = KeyRing.existing(vars, home);
      StoreOptions options = StoreOptions.builder().connectTimeout(s.connectTimeout()).lockWait(s.lockWait()).build();
      return CredentialStore.openExisting(s.url(), keys, clock, options);
    } catch (MailtokenException e) {
      // The URL may hold a database password: it is not repeated here.
      throw new IllegalStateException("mailtoken: cannot open the store named by mailtoken.store.url: "
          + e.getMessage(), e);
    }
  }

  private static MailtokenSetup fromStore(CredentialStore store, MailtokenProperties properties, SmtpServers smtp) {
    List<StoredAccount> accounts;
    Map<String, StoredApp> apps = new HashMap<>();
    try {
      store.apps().forEach(a -> apps.put(a.name(), a));
      accounts = store.accounts();
    } catch (MailtokenException e) {
      throw new IllegalStateException("mailtoken: cannot read the store named by mailtoken.store.url: "
          + e.getMessage(), e);
    }
    Map<String, MailTransport> byApp = new HashMap<>();
    Map<String, MailTransport> transports = new HashMap<>();
    Map<String, AccountLabels> labels = new HashMap<>();
    for (StoredApp app : apps.values()) {
      OAuthProvider provider = app.toApp().provider();
      if (provider.smtpHost().isPresent()) {
        byApp.put(app.name(), smtp.forApp(app.name(), provider));
      } else {
        LOG.warn("mailtoken: app {} in the store has no SMTP server; its accounts cannot send", app.name());
      }
    }
    for (StoredAccount account : accounts) {
      MailTransport t = byApp.get(account.appName());
      if (t != null) {
        transports.put(account.address(), t);
      }
      StoredApp app = apps.get(account.appName());
      labels.put(account.address(), new AccountLabels(
          app == null ? "unknown" : app.toApp().provider().name(), account.appName()));
    }
    Optional<MailTransport> only = byApp.size() == 1 ? Optional.of(byApp.values().iterator().next()) : Optional.empty();
    if (transports.isEmpty() && only.isEmpty()) {
      throw new IllegalStateException("mailtoken: the store named by mailtoken.store.url has no account with an SMTP"
          + " server: add one with `mailtoken apps add` and `mailtoken authorize`, then start again");
    }
    String from = properties.defaultFrom();
    if (from != null && accounts.stream().noneMatch(a -> a.address().equals(from))) {
      LOG.warn("mailtoken: mailtoken.default-from {} is not in the store (yet)", from);
    }
    return new MailtokenSetup(Optional.of(store), List.of(), transports, only, labels);
  }
}
