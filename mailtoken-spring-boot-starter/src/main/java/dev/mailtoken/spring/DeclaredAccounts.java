package dev.mailtoken.spring;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.mail.GmailApi;
import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.mail.MailTransport;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AppBuilder;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.OAuthProviderBuilder;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The setup of accounts declared in {@code mailtoken.apps} and {@code mailtoken.accounts}: each
 * app's provider (an OIDC one discovered at startup), client secrets and refresh tokens from the
 * environment variables the properties name, and each account's transport. Every mistake is an
 * {@link IllegalStateException} naming the property to fix. Used once, at startup.
 */
final class DeclaredAccounts {
  private final MailtokenProperties properties;
  private final EnvironmentVariables env;
  private final OAuthClient client;
  private final SmtpServers smtp;
  private final Map<String, App> apps = new HashMap<>();
  private final Map<String, MailTransport> transportsByApp = new HashMap<>();

  private DeclaredAccounts(MailtokenProperties properties, EnvironmentVariables env, OAuthClient client,
      SmtpServers smtp) {
    this.properties = properties;
    this.env = env;
    this.client = client;
    this.smtp = smtp;
  }

  static MailtokenSetup setup(MailtokenProperties properties, EnvironmentVariables env, OAuthClient client,
      SmtpServers smtp) {
    return new DeclaredAccounts(properties, env, client, smtp).build();
  }

  private MailtokenSetup build() {
    if (properties.accounts().isEmpty()) {
      throw new IllegalStateException("mailtoken: no accounts: declare them as mailtoken.accounts[0].address, .app"
          + " and .refresh-token-env, or point mailtoken.store.url at a store");
    }
    List<Account> accounts = new ArrayList<>();
    Map<String, MailTransport> transports = new LinkedHashMap<>();
    Map<String, AccountLabels> labels = new HashMap<>();
    for (int i = 0; i < properties.accounts().size(); i++) {
      MailtokenProperties.Account a = properties.accounts().get(i);
      String prefix = "mailtoken.accounts[" + i + "]";
      if (a.address() == null || a.address().isBlank()) {
        throw new IllegalStateException("mailtoken: " + prefix + ".address is not set: give the mailbox to send as");
      }
      if (transports.containsKey(a.address())) {
        throw new IllegalStateException("mailtoken: " + prefix + ".address " + a.address() + " is declared twice");
      }
      String appName = appNameOf(a, prefix);
      App app = app(appName);
      if (a.refreshTokenEnv() == null || a.refreshTokenEnv().isBlank()) {
        throw new IllegalStateException("mailtoken: " + prefix + ".refresh-token-env is not set: name the environment"
            + " variable holding the refresh token of " + a.address());
      }
      accounts.add(new Account(a.address(), new RefreshTokenGrant(app, env.secret(a.refreshTokenEnv(),
          prefix + ".refresh-token-env", "the refresh token of " + a.address()))));
      transports.put(a.address(), transport(appName, app.provider(), a.transport()));
      labels.put(a.address(), new AccountLabels(app.provider().name(), appName));
    }
    String from = properties.defaultFrom();
    if (from != null && !transports.containsKey(from)) {
      throw new IllegalStateException("mailtoken: mailtoken.default-from " + from + " is not one of mailtoken.accounts "
          + transports.keySet());
    }
    return new MailtokenSetup(Optional.empty(), accounts, transports, Optional.empty(), labels);
  }

  private String appNameOf(MailtokenProperties.Account a, String prefix) {
    String name = a.app();
    if (name == null || name.isBlank()) {
      if (properties.apps().size() == 1) {
        return properties.apps().keySet().iterator().next();
      }
      throw new IllegalStateException("mailtoken: " + prefix + ".app is not set: name one of mailtoken.apps "
          + properties.apps().keySet());
    }
    if (!properties.apps().containsKey(name)) {
      throw new IllegalStateException("mailtoken: " + prefix + ".app names " + name + ", which is not one of"
          + " mailtoken.apps " + properties.apps().keySet());
    }
    return name;
  }

  private App app(String name) {
    App built = apps.get(name);
    if (built == null) {
      built = newApp(name, properties.apps().get(name));
      apps.put(name, built);
    }
    return built;
  }

  private App newApp(String name, MailtokenProperties.App a) {
    String prefix = "mailtoken.apps." + name;
    if (a.clientId() == null || a.clientId().isBlank()) {
      throw new IllegalStateException("mailtoken: " + prefix + ".client-id is not set: give the client id from the"
          + " provider's console");
    }
    AppBuilder b = App.builder().provider(provider(name, a, prefix)).clientId(a.clientId());
    if (a.clientSecretEnv() != null && !a.clientSecretEnv().isBlank()) {
      b.clientSecret(env.secret(a.clientSecretEnv(), prefix + ".client-secret-env", "the client secret of app " + name));
    }
    if (!a.scopes().isEmpty()) {
      b.scopes(a.scopes());
    }
    try {
      return b.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalStateException("mailtoken: app " + name + " (" + prefix + ".*): " + e.getMessage(), e);
    }
  }

  private OAuthProvider provider(String name, MailtokenProperties.App a, String prefix) {
    if (a.provider() == null) {
      throw new IllegalStateException("mailtoken: " + prefix + ".provider is not set: google, microsoft or oidc");
    }
    OAuthProviderBuilder b;
    switch (a.provider()) {
      case GOOGLE:
        b = OAuthProvider.google().toBuilder();
        break;
      case MICROSOFT:
        b = OAuthProvider.microsoft(a.tenant()).toBuilder();
        break;
      default:
        b = a.tokenEndpoint() != null ? OAuthProvider.builder().name(name) : discovered(a, prefix).toBuilder();
    }
    if (a.tokenEndpoint() != null) {
      b.tokenEndpoint(a.tokenEndpoint());
    }
    OAuthProvider base = b.build();
    if (a.smtpHost() == null && a.smtpPort() == null) {
      return base;
    }
    String host = a.smtpHost() != null ? a.smtpHost() : base.smtpHost().orElseThrow(() -> new IllegalStateException(
        "mailtoken: " + prefix + ".smtp-port is set without " + prefix + ".smtp-host"));
    return base.toBuilder().smtp(host, a.smtpPort() != null ? a.smtpPort() : base.smtpPort()).build();
  }

  private OAuthProvider discovered(MailtokenProperties.App a, String prefix) {
    if (a.issuer() == null) {
      throw new IllegalStateException("mailtoken: " + prefix + " is an oidc app: set " + prefix + ".issuer (read by"
          + " discovery at startup) or " + prefix + ".token-endpoint");
    }
    try {
      return OAuthProvider.discover(a.issuer(), client);
    } catch (MailtokenException e) {
      throw new IllegalStateException("mailtoken: discovery of " + prefix + ".issuer " + a.issuer() + " failed: "
          + e.getMessage(), e);
    }
  }

  private MailTransport transport(String appName, OAuthProvider provider, MailtokenProperties.Transport kind) {
    String key = appName + "/" + kind;
    MailTransport t = transportsByApp.get(key);
    if (t == null) {
      t = newTransport(appName, provider, kind);
      transportsByApp.put(key, t);
    }
    return t;
  }

  private MailTransport newTransport(String appName, OAuthProvider provider, MailtokenProperties.Transport kind) {
    java.net.URI base = properties.apps().get(appName).apiBaseUri();
    switch (kind) {
      case GMAIL_API:
        return base != null ? GmailApi.builder().baseUri(base).build() : GmailApi.google();
      case GRAPH:
        return base != null ? GraphApi.builder().baseUri(base).build() : GraphApi.microsoft();
      default:
        return smtp.forApp(appName, provider);
    }
  }
}
