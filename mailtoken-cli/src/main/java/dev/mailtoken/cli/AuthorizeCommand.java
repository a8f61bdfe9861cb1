package dev.mailtoken.cli;

import dev.mailtoken.oauth.App;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailtoken authorize --app NAME}: consent in a browser (the RFC 8252 loopback flow, or with
 * {@code --manual} the redirect pasted back), or with {@code --device} on any other device (RFC 8628);
 * then the account is stored (encrypted) under the mailbox address that consented.
 */
@Command(name = "authorize", mixinStandardHelpOptions = true,
    description = "Connect a mailbox: open the provider's consent page, receive the answer on 127.0.0.1,"
        + " store the refresh token encrypted.",
    footer = {"%nThe URL is always printed (copy it to a browser on any machine that can reach this one's"
        + " 127.0.0.1, e.g. through an SSH port forward of the printed port).",
        "Browser: --browser CMD, else $BROWSER (a colon-separated list of commands; %s is the URL, else it is"
            + " appended), else the desktop's.",
        "No browser here: --manual (open the URL anywhere, paste the redirected address back), or --device"
            + " (enter a code on another device; Microsoft, Keycloak, any provider with a device endpoint;"
            + " not Google).",
        "No refresh token? Google returns one only on first consent: run again with --force-consent.",
        "Microsoft issues a token for one resource per request, and one refresh token serves every resource"
            + " consented to: --also graph asks consent for Graph's Mail.Send beside SMTP, fetches the Graph token"
            + " at once (checking the consent) and stores it; send --transport graph then just works.",
        "An account that exists (e.g. parked by invalid_grant) gets its grant replaced and its state cleared,"
            + " keeping its history; with --account naming it, consent is forced.",
        "%nExamples:", "  mailtoken authorize --app gmail",
        "  mailtoken authorize --app gmail --account alice@example.com --force-consent",
        "  mailtoken authorize --app gmail --manual",
        "  mailtoken authorize --app m365 --device",
        "  mailtoken authorize --app m365 --account alice@contoso.com --also graph",
        "  mailtoken authorize --app m365 --browser 'firefox --new-window %s'",
        "  mailtoken authorize --app m365 --no-browser --port 8765 --timeout 10m", ExitCode.FOOTER})
final class AuthorizeCommand extends Verb {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  @Option(names = "--app", required = true, paramLabel = "NAME", description = "The app to authorize.")
  String app;

  @Option(names = "--account", paramLabel = "ADDR",
      description = "The mailbox expected (login hint); required when the provider does not identify the user.")
  String account;

  @Option(names = "--force-consent", description = "Show the consent screen again (Google: to get a new refresh"
      + " token for an app the user already authorized).")
  boolean forceConsent;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait for the consent (default 5m; with --device, until the code expires).")
  Duration timeout;

  @Option(names = "--no-browser", description = "Do not try to open a browser; just print the URL.")
  boolean noBrowser;

  @Option(names = "--browser", paramLabel = "CMD", description = "The command that opens the URL (%s is the URL,"
      + " else it is appended); overrides $BROWSER.")
  String browserCommand;

  @Option(names = "--manual", description = "No browser on this machine: print the URL, then read the address"
      + " the browser was redirected to, pasted on standard input.")
  boolean manual;

  @Option(names = "--device", description = "Device authorization (RFC 8628): print a code to enter on another"
      + " device, and poll until the user consents there.")
  boolean device;

  @Option(names = "--port", defaultValue = "0", description = "Loopback port (default: an ephemeral one).")
  int port;

  @Option(names = "--also", paramLabel = "TRANSPORT", split = ",", converter = TransportConverter.class,
      description = "Also consent to what TRANSPORT needs beyond the app's scopes (repeatable): graph (Microsoft"
          + " Graph Mail.Send beside SMTP, one refresh token for both), smtp, gmail-api.")
  List<StoreBackedSender.Kind> also = List.of();

  @Override
  int execute() throws Exception {
    checkOptions();
    try (StoreAccess access = main().openStore(err())) {
      StoredApp stored = access.app(app);
      App consent = withScopes(stored.toApp(), ResourceConsent.consentScopes(stored, also));
      // Replacing a grant needs a new refresh token, which Google sends again only on a forced consent.
      boolean replacing = account != null && access.store().account(account).isPresent();
      if (replacing && !forceConsent && !device) {
        err().println("account " + account + " is already stored: its grant will be replaced (history kept), so the"
            + " provider is asked to show the consent screen again");
      }
      AuthorizationFlow.Authorized result = device
          ? new DeviceFlow(main().oauthClient(), main().context().sleeper(), err())
              .run(app, consent, Optional.ofNullable(account), Optional.ofNullable(timeout))
          : new AuthorizationFlow(main().oauthClient(), browser(), err(), main().context().stdin())
              .run(consent, new ConsentRequest(Optional.ofNullable(account), forceConsent || replacing,
                  timeout != null ? timeout : DEFAULT_TIMEOUT, !noBrowser && !manual, port, manual));
      GraphConsent graph = ResourceConsent.graphIsExtra(stored, consent.scopes())
          ? GraphConsent.fetch(main().oauthClient(), consent, result) : GraphConsent.NONE;
      AccessToken first = new AccessToken(result.tokens().accessToken(), result.tokens().expiresAt(),
          result.tokens().scopes());
      NewAccount fresh = NewAccount.withRefreshToken(result.address(), app,
          graph.refreshToken().orElse(result.tokens().refreshToken().orElseThrow()),
          graph.grantedScopes(result.tokens().scopes()), Optional.of(first));
      boolean existed = access.store().account(result.address()).isPresent();
      StoredAccount saved = existed ? access.store().replaceAccount(fresh) : access.store().putAccount(fresh);
      if (graph.token().isPresent()) {
        access.store().saveAccessToken(saved.address(), GraphConsent.SCOPES, graph.token().get());
      }
      out().println((existed ? "re-authorized " : "authorized ") + saved.address() + " (app " + app + ", scopes "
          + String.join(" ", saved.grantedScopes()) + ")");
      err().println("try: mailtoken token " + saved.address() + " --header");
      graph.report(saved, app, out(), err());
      return ExitCode.OK.code();
    }
  }

  /** {@code app} asking for {@code scopes} instead of its own. */
  private static App withScopes(App app, List<String> scopes) {
    return new App(app.provider(), app.clientId(), app.clientSecret(), app.redirectUri(), scopes,
        app.clientAuthentication());
  }

  private void checkOptions() {
    if (device && manual) {
      throw new CliException(ExitCode.USAGE, "--device and --manual are two different ways to consent; choose one");
    }
    if (device && (browserCommand != null || noBrowser || port != 0 || forceConsent)) {
      throw new CliException(ExitCode.USAGE, "--device uses no browser or loopback port here: --browser,"
          + " --no-browser, --port and --force-consent do not apply to it", "leave them out, or leave out --device");
    }
    if (manual && (browserCommand != null || noBrowser)) {
      throw new CliException(ExitCode.USAGE, "--manual opens no browser here: --browser and --no-browser do not"
          + " apply to it", "leave them out, or leave out --manual");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new CliException(ExitCode.USAGE, "--timeout must be positive, got " + timeout);
    }
  }

  /** --browser, else $BROWSER, else the context's (the desktop's; tests inject their own). */
  private Browser browser() {
    if (browserCommand != null) {
      if (browserCommand.isBlank()) {
        throw new CliException(ExitCode.USAGE, "--browser needs a command, for example --browser 'firefox %s'");
      }
      return CommandBrowser.single(browserCommand, err());
    }
    String variable = main().context().env().get("BROWSER");
    if (variable != null && !variable.isBlank()) {
      return CommandBrowser.fromBrowserVariable(variable, err());
    }
    return main().context().browser();
  }
}
