package dev.mailtoken.cli;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AppBuilder;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.OAuthProviderBuilder;
import dev.mailtoken.Secret;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailtoken apps add NAME --provider … --client-id …}: registers an app in the store. */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Add an app: the client id (and secret) you created in the provider's console.",
    footer = {"%nThe client secret is read from a file, an environment variable, or a no-echo prompt;"
        + " never from the command line.",
        "Google: create an OAuth client of type \"Desktop app\" (loopback redirects on any port).",
        "Microsoft: add the platform \"Mobile and desktop applications\" with redirect http://localhost/callback.",
        "%nExamples:",
        "  mailtoken apps add gmail --provider google --client-id 123.apps.googleusercontent.com"
            + " --client-secret-file ~/gmail-secret.txt",
        "  mailtoken apps add m365 --provider microsoft --tenant contoso.onmicrosoft.com --client-id GUID --public",
        "  mailtoken apps add idp --provider oidc --issuer https://idp.example.com --client-id x"
            + " --client-secret-env IDP_SECRET --scope openid --scope email",
        "  mailtoken apps add mine --provider custom --token-endpoint https://as.example.com/token"
            + " --authorization-endpoint https://as.example.com/authorize --client-id x --public --scope mail",
        ExitCode.FOOTER})
final class AppsAddCommand extends Verb {
  @Parameters(index = "0", paramLabel = "NAME", description = "A name for the app, used by other commands.")
  String name;

  @Option(names = "--provider", required = true, paramLabel = "KIND",
      description = "google, microsoft, oidc or custom.")
  ProviderKind provider;

  @Option(names = "--tenant", description = "Microsoft tenant: id, domain, common, organizations (default common).")
  String tenant;

  @Option(names = "--issuer", paramLabel = "URL", description = "OIDC issuer (discovered now, stored for later).")
  URI issuer;

  @Option(names = "--token-endpoint", paramLabel = "URL", description = "Token endpoint (custom, or override).")
  URI tokenEndpoint;

  @Option(names = "--authorization-endpoint", paramLabel = "URL", description = "Authorization endpoint.")
  URI authorizationEndpoint;

  @Option(names = "--revocation-endpoint", paramLabel = "URL", description = "RFC 7009 revocation endpoint.")
  URI revocationEndpoint;

  @Option(names = "--userinfo-endpoint", paramLabel = "URL", description = "OIDC userinfo endpoint.")
  URI userinfoEndpoint;

  @Option(names = "--device-authorization-endpoint", paramLabel = "URL", description = "RFC 8628 device"
      + " authorization endpoint, for authorize --device (default: Microsoft's, or the discovered one).")
  URI deviceAuthorizationEndpoint;

  @Option(names = "--smtp-host", description = "SMTP submission host (default: the provider's).")
  String smtpHost;

  @Option(names = "--smtp-port", description = "SMTP submission port (default: the provider's, 587).")
  Integer smtpPort;

  @Mixin
  AppSmtpOptions smtpChoices = new AppSmtpOptions();

  @Option(names = "--redirect-uri", paramLabel = "URL", description = "The loopback redirect registered for the"
      + " app (host and path are used by authorize; default http://127.0.0.1/callback, Microsoft"
      + " http://localhost/callback; the port is chosen at run time unless given).")
  URI redirectUri;

  @Option(names = "--client-id", required = true, paramLabel = "ID", description = "The app's client id.")
  String clientId;

  @ArgGroup(exclusive = true)
  ClientSecretSource secret = new ClientSecretSource();

  @Option(names = "--scope", paramLabel = "S", description = "A scope to ask for (repeatable; default: the"
      + " provider's mail scope).")
  List<String> scopes;

  static final class ClientSecretSource {
    @Option(names = "--client-secret-file", paramLabel = "FILE", description = "Read the client secret from FILE.")
    Path file;

    @Option(names = "--client-secret-env", paramLabel = "VAR", description = "Read the client secret from $VAR.")
    String env;

    @Option(names = "--public", description = "A public client: no secret (PKCE only).")
    boolean publicClient;
  }

  @Override
  int execute() throws Exception {
    smtpChoices.check();
    try (StoreAccess access = main().openOrCreateStore(err())) {
      App app = app(buildProvider());
      StoredApp stored = smtpChoices.applyTo(StoredApp.from(name, provider, app));
      access.store().addApp(stored);
      out().println("added app " + name + " (" + app.provider().name() + ", client " + clientId + ", "
          + (app.clientSecret().isPresent() ? "secret " + app.clientSecret().get().fingerprint() + " (fingerprint)"
              : "public client") + ", scopes " + String.join(" ", app.scopes()) + smtpChoicesText(stored) + ")");
      err().println("next: mailtoken authorize --app " + name);
      return ExitCode.OK.code();
    }
  }

  private App app(OAuthProvider p) {
    AppBuilder b = App.builder().provider(p).clientId(clientId);
    if (redirectUri != null) {
      b.redirectUri(redirectUri);
    }
    if (!secret.publicClient) {
      Secret s = SecretInput.read("client secret", "--client-secret", secret.file, secret.env,
          main().context().env(), main().context().secretReader());
      b.clientSecret(s);
    }
    if (scopes != null && !scopes.isEmpty()) {
      b.scopes(scopes);
    } else if (p.defaultScopes().isEmpty()) {
      throw new CliException(ExitCode.USAGE, "provider " + p.name() + " has no default mail scope",
          "name the scopes to ask for with --scope (repeatable)");
    }
    return b.build();
  }

  private OAuthProvider buildProvider() throws Exception {
    if (tenant != null && provider != ProviderKind.MICROSOFT) {
      throw new CliException(ExitCode.USAGE, "--tenant is only for --provider microsoft");
    }
    // Before discovery: a refused --issuer is never fetched.
    AppEndpoints.checkOption("--issuer", issuer);
    AppEndpoints.checkOption("--token-endpoint", tokenEndpoint);
    AppEndpoints.checkOption("--authorization-endpoint", authorizationEndpoint);
    AppEndpoints.checkOption("--revocation-endpoint", revocationEndpoint);
    AppEndpoints.checkOption("--userinfo-endpoint", userinfoEndpoint);
    OAuthProviderBuilder b;
    switch (provider) {
      case GOOGLE:
        b = OAuthProvider.google().toBuilder();
        break;
      case MICROSOFT:
        b = OAuthProvider.microsoft(tenant == null ? "common" : tenant).toBuilder();
        break;
      case OIDC:
        if (issuer == null) {
          throw new CliException(ExitCode.USAGE, "--provider oidc needs --issuer URL");
        }
        b = OAuthProvider.discover(issuer, main().oauthClient()).toBuilder();
        break;
      default:
        if (tokenEndpoint == null) {
          throw new CliException(ExitCode.USAGE, "--provider custom needs --token-endpoint URL"
              + " (and --authorization-endpoint URL for authorize)");
        }
        b = OAuthProvider.builder().name(name);
        break;
    }
    if (issuer != null && provider != ProviderKind.OIDC) {
      b.issuer(issuer);
    }
    if (tokenEndpoint != null) {
      b.tokenEndpoint(tokenEndpoint);
    }
    if (authorizationEndpoint != null) {
      b.authorizationEndpoint(authorizationEndpoint);
    }
    if (revocationEndpoint != null) {
      b.revocationEndpoint(revocationEndpoint);
    }
    if (userinfoEndpoint != null) {
      b.userinfoEndpoint(userinfoEndpoint);
    }
    if (deviceAuthorizationEndpoint != null) {
      b.deviceAuthorizationEndpoint(deviceAuthorizationEndpoint);
    }
    if (smtpHost != null || smtpPort != null) {
      OAuthProvider current = b.build();
      String host = smtpHost != null ? smtpHost : current.smtpHost().orElseThrow(() -> new CliException(
          ExitCode.USAGE, "--smtp-port needs --smtp-host: provider " + current.name() + " has no SMTP host"));
      b.smtp(host, smtpPort != null ? smtpPort : current.smtpPort());
    }
    OAuthProvider built = b.build();
    AppEndpoints.checkProvider(built, provider == ProviderKind.OIDC ? issuer : null);
    return built;
  }

  /** ", SMTP security tls, SASL oauthbearer" for the choices the app has; empty without any. */
  static String smtpChoicesText(StoredApp app) {
    return app.smtpSecurity().map(v -> ", SMTP security " + v).orElse("")
        + app.sasl().map(v -> ", SASL " + v).orElse("");
  }
}
