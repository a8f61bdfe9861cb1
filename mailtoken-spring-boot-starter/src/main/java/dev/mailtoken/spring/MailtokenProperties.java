package dev.mailtoken.spring;

import dev.mailtoken.mail.SaslMechanism;
import dev.mailtoken.mail.SmtpSecurity;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code mailtoken.*} properties: where accounts come from (an encrypted store, or accounts and
 * apps declared here) and how mail is sent. Secrets are never values of these properties: the store
 * key comes from {@code MAILTOKEN_SECRET} or {@code MAILTOKEN_SECRET_FILE}, refresh tokens and
 * client secrets from the environment variables named here, and an inline {@code refresh-token} or
 * {@code client-secret} is refused at startup. Immutable and thread-safe.
 *
 * @param enabled Whether mailtoken's auto-configuration runs; it also needs mailtoken.store.url or
 *     mailtoken.accounts.
 * @param defaultFrom The account a message without a From address is sent as (and its From);
 *     without it such a message is refused.
 * @param store The encrypted credential store (the one the mailtoken CLI writes), instead of
 *     mailtoken.apps and mailtoken.accounts.
 * @param apps OAuth2 apps (clients) by name, for the accounts declared in mailtoken.accounts.
 * @param accounts Accounts (mailboxes) to send as, each with its app and the environment variable
 *     holding its refresh token.
 * @param smtp How SMTP connections are made and pooled, for every SMTP server the accounts use.
 */
@ConfigurationProperties("mailtoken")
public record MailtokenProperties(
    @DefaultValue("true") boolean enabled,
    String defaultFrom,
    @DefaultValue Store store,
    Map<String, App> apps,
    List<Account> accounts,
    @DefaultValue Smtp smtp) {

  public MailtokenProperties {
    apps = apps == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(apps));
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(smtp, "smtp");
  }

  /**
   * Where a store-backed configuration finds its database; the key always comes from the environment.
   *
   * @param url JDBC URL of an existing store (jdbc:sqlite:/path/mailtoken.db or
   *     jdbc:postgresql://...). When set, accounts and apps come from the store; its key is read
   *     from MAILTOKEN_SECRET, else the file named by MAILTOKEN_SECRET_FILE, else
   *     $MAILTOKEN_HOME/secret.key.
   * @param connectTimeout How long opening a PostgreSQL connection may take.
   * @param lockWait How long a call waits for another process's refresh of the same account, or
   *     for a database lock.
   */
  public record Store(String url, @DefaultValue("10s") Duration connectTimeout,
      @DefaultValue("30s") Duration lockWait) {
  }

  /** The provider an app is registered at. */
  public enum ProviderType {
    /** Google: Gmail scope https://mail.google.com/, SMTP smtp.gmail.com:587. */
    GOOGLE,
    /** Microsoft identity platform for the app's tenant, SMTP smtp.office365.com:587. */
    MICROSOFT,
    /** Any OpenID Connect provider: endpoints by discovery from the issuer, or the token endpoint given. */
    OIDC
  }

  /**
   * An OAuth2 app (client) registered at a provider.
   *
   * @param provider The provider: google, microsoft or oidc.
   * @param clientId The client id from the provider's console.
   * @param clientSecretEnv Name of the environment variable holding the client secret (unset for
   *     a public client); the secret itself is never a property.
   * @param tenant Microsoft tenant: a tenant id, a verified domain, common, organizations or consumers.
   * @param issuer OIDC issuer whose metadata is read at startup (provider oidc without token-endpoint).
   * @param tokenEndpoint Token endpoint replacing the provider's (a proxy, or a test emulator on loopback).
   * @param scopes Scopes the refresh tokens were granted for; default the provider's mail scopes.
   * @param smtpHost SMTP submission host replacing the provider's (required for oidc with the smtp transport).
   * @param smtpPort SMTP submission port replacing the provider's (465 means implicit TLS unless
   *     mailtoken.smtp.security says otherwise).
   * @param apiBaseUri Base URI of the Gmail API or Microsoft Graph replacing the public one (a
   *     proxy, or a test emulator).
   */
  public record App(ProviderType provider, String clientId, String clientSecretEnv,
      @DefaultValue("common") String tenant, URI issuer, URI tokenEndpoint, List<String> scopes, String smtpHost,
      Integer smtpPort, URI apiBaseUri) {
    public App {
      scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
  }

  /** How an account's mail is delivered. */
  public enum Transport {
    /** SMTP submission with XOAUTH2 at the app's SMTP server. */
    SMTP,
    /** Gmail API users.messages.send (a token with gmail.send suffices). */
    GMAIL_API,
    /** Microsoft Graph sendMail (for mailboxes with SMTP AUTH disabled). */
    GRAPH
  }

  /**
   * One mailbox to send as, with its refresh token from the environment.
   *
   * @param address The mailbox address, e.g. alice@example.com.
   * @param app The name of its app in mailtoken.apps.
   * @param refreshTokenEnv Name of the environment variable holding the account's refresh token;
   *     the token itself is never a property (mailtoken.accounts[N].refresh-token is refused).
   * @param transport How the account's mail is delivered: smtp, gmail-api or graph.
   */
  public record Account(String address, String app, String refreshTokenEnv,
      @DefaultValue("smtp") Transport transport) {
  }

  /**
   * SMTP connection settings, applied to each app's SMTP server.
   *
   * @param security starttls, implicit-tls or none; default implicit-tls on port 465, else starttls.
   * @param allowPlaintextAuth Allow the token over an unencrypted connection (with security none
   *     only, and honoured only for a loopback host).
   * @param sslBundle Name of a Spring SSL bundle (spring.ssl.bundle.*) whose trust material
   *     verifies the SMTP servers' certificates; default the JDK's trust store.
   * @param mechanism SASL mechanism: xoauth2 or oauthbearer.
   * @param poolSize Connections per account (Exchange Online allows 3 per mailbox).
   * @param idleTimeout How long a pooled connection may stay idle before it is replaced.
   * @param connectTimeout TCP connect timeout.
   * @param readTimeout How long to wait for each server reply.
   * @param pipelining Pipeline MAIL, RCPT and DATA (RFC 2920) when the server advertises PIPELINING.
   */
  public record Smtp(SmtpSecurity security, @DefaultValue("false") boolean allowPlaintextAuth, String sslBundle,
      @DefaultValue("xoauth2") SaslMechanism mechanism, @DefaultValue("3") int poolSize,
      @DefaultValue("60s") Duration idleTimeout, @DefaultValue("10s") Duration connectTimeout,
      @DefaultValue("60s") Duration readTimeout, @DefaultValue("true") boolean pipelining) {
  }
}
