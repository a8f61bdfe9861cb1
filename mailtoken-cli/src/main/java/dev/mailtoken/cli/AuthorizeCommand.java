package dev.mailtoken.cli;

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
 * {@code mailtoken authorize --app NAME}: the RFC 8252 loopback consent flow, then the account is
 * stored (encrypted) under the mailbox address that consented.
 */
@Command(name = "authorize", mixinStandardHelpOptions = true,
    description = "Connect a mailbox: open the provider's consent page, receive the answer on 127.0.0.1,"
        + " store the refresh token encrypted.",
    footer = {"%nThe URL is always printed (copy it to a browser on any machine that can reach this one's"
        + " 127.0.0.1, e.g. through an SSH port forward of the printed port).",
        "No refresh token? Google returns one only on first consent: run again with --force-consent.",
        "An account that exists (e.g. parked by invalid_grant) gets its grant replaced and its state cleared,"
            + " keeping its history; with --account naming it, consent is forced.",
        "%nExamples:", "  mailtoken authorize --app gmail",
        "  mailtoken authorize --app gmail --account alice@example.com --force-consent",
        "  mailtoken authorize --app m365 --no-browser --port 8765 --timeout 10m", ExitCode.FOOTER})
final class AuthorizeCommand extends Verb {
  @Option(names = "--app", required = true, paramLabel = "NAME", description = "The app to authorize.")
  String app;

  @Option(names = "--account", paramLabel = "ADDR",
      description = "The mailbox expected (login hint); required when the provider does not identify the user.")
  String account;

  @Option(names = "--force-consent", description = "Show the consent screen again (Google: to get a new refresh"
      + " token for an app the user already authorized).")
  boolean forceConsent;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long to wait for the browser (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--no-browser", description = "Do not try to open a browser; just print the URL.")
  boolean noBrowser;

  @Option(names = "--port", defaultValue = "0", description = "Loopback port (default: an ephemeral one).")
  int port;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      StoredApp stored = access.app(app);
      // Replacing a grant needs a new refresh token, which Google sends again only on a forced consent.
      boolean replacing = account != null && access.store().account(account).isPresent();
      if (replacing && !forceConsent) {
        err().println("account " + account + " is already stored: its grant will be replaced (history kept), so the"
            + " provider is asked to show the consent screen again");
      }
      AuthorizationFlow flow = new AuthorizationFlow(main().oauthClient(), main().context().browser(), err());
      AuthorizationFlow.Authorized result = flow.run(stored.toApp(),
          new ConsentRequest(Optional.ofNullable(account), forceConsent || replacing, timeout, !noBrowser, port));
      AccessToken first = new AccessToken(result.tokens().accessToken(), result.tokens().expiresAt(),
          result.tokens().scopes());
      NewAccount fresh = NewAccount.withRefreshToken(result.address(), app,
          result.tokens().refreshToken().orElseThrow(), List.copyOf(result.tokens().scopes()), Optional.of(first));
      boolean existed = access.store().account(result.address()).isPresent();
      StoredAccount saved = existed ? access.store().replaceAccount(fresh) : access.store().putAccount(fresh);
      out().println((existed ? "re-authorized " : "authorized ") + saved.address() + " (app " + app + ", scopes "
          + String.join(" ", saved.grantedScopes()) + ")");
      err().println("try: mailtoken token " + saved.address() + " --header");
      return ExitCode.OK.code();
    }
  }
}
