package dev.mailtoken.cli;

import dev.mailtoken.Secret;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken apps update NAME …}: changes a stored app in place (client secret, endpoints,
 * SMTP server, security and SASL mechanism, scopes); the accounts that use it stay attached and keep their grants. Options
 * not given keep their values. The same endpoint rule as {@code apps add}: plain http only to
 * loopback, checked before the store is opened.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Change an app's client secret, endpoints, SMTP server and security, SASL mechanism or scopes;"
        + " its accounts stay.",
    footer = {"%nOptions not given keep their value. The client secret is read from a file, an environment"
        + " variable or a no-echo prompt (--client-secret-prompt); never from the command line. The client id,"
        + " provider and tenant cannot change: tokens are bound to them (add a new app and authorize again).",
        "%nExamples:",
        "  mailtoken apps update gmail --client-secret-file ~/new-gmail-secret.txt",
        "  mailtoken apps update m365 --smtp-host smtp-hve.office365.com --smtp-port 587",
        "  mailtoken apps update idp --smtp-port 1465 --smtp-security tls --sasl oauthbearer",
        "  mailtoken apps update idp --token-endpoint https://idp.example.com/oauth2/token",
        "  mailtoken apps update gmail --scope https://mail.google.com/ --scope openid --scope email",
        ExitCode.FOOTER})
final class AppsUpdateCommand extends Verb {
  @Parameters(index = "0", paramLabel = "NAME", description = "The app to change.")
  String name;

  @Option(names = "--token-endpoint", paramLabel = "URL", description = "New token endpoint.")
  URI tokenEndpoint;

  @Option(names = "--authorization-endpoint", paramLabel = "URL", description = "New authorization endpoint.")
  URI authorizationEndpoint;

  @Option(names = "--revocation-endpoint", paramLabel = "URL", description = "New RFC 7009 revocation endpoint.")
  URI revocationEndpoint;

  @Option(names = "--userinfo-endpoint", paramLabel = "URL", description = "New OIDC userinfo endpoint.")
  URI userinfoEndpoint;

  @Option(names = "--device-authorization-endpoint", paramLabel = "URL",
      description = "New RFC 8628 device authorization endpoint (authorize --device).")
  URI deviceAuthorizationEndpoint;

  @Option(names = "--redirect-uri", paramLabel = "URL", description = "New loopback redirect registered for the app.")
  URI redirectUri;

  @Option(names = "--smtp-host", description = "New SMTP submission host.")
  String smtpHost;

  @Option(names = "--smtp-port", description = "New SMTP submission port.")
  Integer smtpPort;

  @Option(names = "--scope", paramLabel = "S", description = "The scopes to ask for from now on (repeatable;"
      + " replaces the list).")
  List<String> scopes;

  @Mixin
  AppSmtpOptions smtpChoices = new AppSmtpOptions();

  @ArgGroup(exclusive = true)
  SecretChange secret = new SecretChange();

  static final class SecretChange {
    @Option(names = "--client-secret-file", paramLabel = "FILE", description = "New client secret from FILE.")
    Path file;

    @Option(names = "--client-secret-env", paramLabel = "VAR", description = "New client secret from $VAR.")
    String env;

    @Option(names = "--client-secret-prompt", description = "Ask for the new client secret (no echo).")
    boolean prompt;

    @Option(names = "--public", description = "Make it a public client: remove the client secret.")
    boolean publicClient;

    boolean given() {
      return file != null || env != null || prompt || publicClient;
    }
  }

  @Override
  int execute() throws Exception {
    checkOptions();
    // Read before the store is opened: a prompt never holds the database open.
    Optional<Optional<Secret>> newSecret = newSecret();
    try (StoreAccess access = main().openStore(err())) {
      StoredApp current = access.app(name);
      StoredApp updated = updated(current, newSecret);
      AppEndpoints.checkProvider(valid(updated).provider(), null);
      List<String> changed = AppChanges.between(current, updated);
      if (changed.isEmpty()) {
        out().println("app " + name + " unchanged: it already has these values");
        return ExitCode.OK.code();
      }
      if (!access.store().updateApp(updated)) {
        throw new CliException(ExitCode.CONFIGURATION, "no app named \"" + name + "\" (removed meanwhile)",
            "list them with: mailtoken apps list");
      }
      List<String> users = new ArrayList<>();
      for (StoredAccount a : access.store().accounts()) {
        if (a.appName().equals(name)) {
          users.add(a.address());
        }
      }
      out().println("updated app " + name + ": " + String.join("; ", changed));
      out().println(users.isEmpty() ? "no account uses it yet"
          : "still used by " + String.join(", ", users) + " (grants kept)");
      if (scopes != null && !users.isEmpty() && !updated.scopes().equals(current.scopes())) {
        err().println("note: accounts keep the scopes they consented to; to grant the new ones run mailtoken"
            + " authorize --app " + name + " --account " + users.get(0));
      }
      return ExitCode.OK.code();
    }
  }

  /** Usage errors found from the command line alone, before anything is opened or read. */
  private void checkOptions() {
    if (!secret.given() && tokenEndpoint == null && authorizationEndpoint == null && revocationEndpoint == null
        && userinfoEndpoint == null && deviceAuthorizationEndpoint == null && redirectUri == null && smtpHost == null
        && smtpPort == null && scopes == null && !smtpChoices.given()) {
      throw new CliException(ExitCode.USAGE, "apps update " + name + " needs something to change",
          "give a new client secret (--client-secret-file, --client-secret-env, --client-secret-prompt or --public),"
              + " an endpoint, --smtp-host/--smtp-port, --smtp-security, --sasl or --scope; see mailtoken apps update"
              + " --help");
    }
    smtpChoices.check();
    AppEndpoints.checkOption("--token-endpoint", tokenEndpoint);
    AppEndpoints.checkOption("--authorization-endpoint", authorizationEndpoint);
    AppEndpoints.checkOption("--revocation-endpoint", revocationEndpoint);
    AppEndpoints.checkOption("--userinfo-endpoint", userinfoEndpoint);
    AppEndpoints.checkOption("--device-authorization-endpoint", deviceAuthorizationEndpoint);
    if (smtpPort != null && (smtpPort < 1 || smtpPort > 65535)) {
      throw new CliException(ExitCode.USAGE, "--smtp-port must be in 1..65535, got " + smtpPort);
    }
    if (scopes != null && scopes.stream().anyMatch(String::isBlank)) {
      throw new CliException(ExitCode.USAGE, "--scope needs a scope, not an empty value");
    }
  }

  /** Empty: keep the secret; a value: the new secret, or none for {@code --public}. */
  private Optional<Optional<Secret>> newSecret() {
    if (secret.publicClient) {
      return Optional.of(Optional.empty());
    }
    if (!secret.given()) {
      return Optional.empty();
    }
    return Optional.of(Optional.of(SecretInput.read("client secret", "--client-secret", secret.file, secret.env,
        main().context().env(), main().context().secretReader())));
  }

  private StoredApp updated(StoredApp a, Optional<Optional<Secret>> newSecret) {
    if (smtpPort != null && smtpHost == null && a.smtpHost().isEmpty()) {
      throw new CliException(ExitCode.USAGE, "--smtp-port needs --smtp-host: app " + name + " has no SMTP host");
    }
    return smtpChoices.applyTo(new StoredApp(a.name(), a.kind(), a.tenant(), a.issuer(),
        tokenEndpoint != null ? tokenEndpoint : a.tokenEndpoint(),
        authorizationEndpoint != null ? Optional.of(authorizationEndpoint) : a.authorizationEndpoint(),
        revocationEndpoint != null ? Optional.of(revocationEndpoint) : a.revocationEndpoint(),
        userinfoEndpoint != null ? Optional.of(userinfoEndpoint) : a.userinfoEndpoint(),
        a.clientId(), newSecret.orElse(a.clientSecret()),
        redirectUri != null ? Optional.of(redirectUri) : a.redirectUri(),
        scopes != null ? scopes : a.scopes(),
        smtpHost != null ? Optional.of(smtpHost) : a.smtpHost(),
        smtpPort != null ? smtpPort : a.smtpPort(),
        deviceAuthorizationEndpoint != null ? Optional.of(deviceAuthorizationEndpoint)
            : a.deviceAuthorizationEndpoint(), a.smtpSecurity(), a.sasl()));
  }

  /** The app the stored values make, or a usage error saying why they make none. */
  private static dev.mailtoken.oauth.App valid(StoredApp app) {
    try {
      return app.toApp();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliException(ExitCode.USAGE, "app " + app.name() + " would not be valid: " + e.getMessage());
    }
  }
}
