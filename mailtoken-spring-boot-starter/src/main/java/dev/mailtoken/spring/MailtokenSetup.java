package dev.mailtoken.spring;

import dev.mailtoken.mail.MailTransport;
import dev.mailtoken.mail.MailerBuilder;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.TokenManager;
import dev.mailtoken.token.TokenManagerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts the configuration yields, from the store or from properties, and how each one's
 * mail is delivered: what the token manager and the mailer are built from. Built once at startup;
 * {@link #close()} closes the store it opened. Immutable after construction; thread-safe.
 *
 * @param store the opened store (store-backed configuration), empty for declared accounts
 * @param declared accounts declared in properties, registered with the token manager at startup
 * @param transports each account's transport
 * @param defaultTransport the transport of accounts not in {@code transports} (a store's only app)
 * @param labels each account's provider and app, for metrics
 */
record MailtokenSetup(
    Optional<CredentialStore> store,
    List<Account> declared,
    Map<String, MailTransport> transports,
    Optional<MailTransport> defaultTransport,
    Map<String, AccountLabels> labels) implements AutoCloseable {

  MailtokenSetup {
    declared = List.copyOf(declared);
    transports = Map.copyOf(transports);
    labels = Map.copyOf(labels);
  }

  /** A store-backed manager loads accounts from the store on first use and refreshes through it. */
  void configure(TokenManagerBuilder builder, OAuthClient client) {
    store.ifPresent(s -> builder.accountLoader(s.accountLoader(client)));
  }

  /** Registers the declared accounts. */
  void registerWith(TokenManager manager) {
    declared.forEach(manager::register);
  }

  /** Gives the mailer every account's transport. */
  void transportsOf(MailerBuilder builder) {
    defaultTransport.ifPresent(builder::transport);
    transports.forEach(builder::transport);
  }

  @Override
  public void close() {
    store.ifPresent(CredentialStore::close);
  }
}
