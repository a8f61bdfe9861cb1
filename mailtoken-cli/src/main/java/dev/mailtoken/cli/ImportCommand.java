package dev.mailtoken.cli;

import dev.mailtoken.oauth.App;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.AccessToken;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken import ACCOUNT --app NAME}: stores a refresh token obtained elsewhere (an OAuth
 * playground, another tool) after checking it by refreshing once. A dead token stores nothing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Add an account from a refresh token obtained elsewhere; it is checked by refreshing once.",
    footer = {"%nThe refresh token is read from a file, an environment variable or a no-echo prompt.",
        "%nExamples:", "  mailtoken import alice@example.com --app gmail --refresh-token-file rt.txt",
        "  RT=... mailtoken import alice@example.com --app gmail --refresh-token-env RT",
        "  mailtoken import alice@example.com --app gmail --refresh-token-file rt.txt --replace", ExitCode.FOOTER})
final class ImportCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The mailbox address the token belongs to.")
  String account;

  @Option(names = "--app", required = true, paramLabel = "NAME", description = "The app the token was issued to.")
  String app;

  @Option(names = "--replace", description = "Replace the grant of an existing account (e.g. after invalid_grant):"
      + " its state is cleared, its history (created, version) kept.")
  boolean replace;

  @ArgGroup(exclusive = true)
  Source source = new Source();

  static final class Source {
    @Option(names = "--refresh-token-file", paramLabel = "FILE", description = "Read the refresh token from FILE.")
    Path file;

    @Option(names = "--refresh-token-env", paramLabel = "VAR", description = "Read the refresh token from $VAR.")
    String env;
  }

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      App oauthApp = access.app(app).toApp();
      boolean exists = access.store().account(account).isPresent();
      if (exists && !replace) {
        throw new CliException(ExitCode.CONFIGURATION, "account " + account + " already exists",
            "replace its grant with: mailtoken import " + account + " --app " + app + " --replace (keeps its"
                + " history), or re-authorize it");
      }
      Secret refreshToken = SecretInput.read("refresh token", "--refresh-token", source.file, source.env,
          main().context().env(), main().context().secretReader());
      TokenResponse checked;
      try {
        checked = main().oauthClient().refresh(oauthApp, refreshToken, List.of(), account);
      } catch (ReauthorizationRequiredException e) {
        throw new CliException(ExitCode.REAUTHORIZATION_REQUIRED, "the refresh token is dead: "
            + oauthApp.provider().name() + " answered " + e.oauthError().map(o -> o.summary()).orElse(e.getMessage())
            + "; nothing was stored", "get a new one with: mailtoken authorize --app " + app + " --account " + account);
      }
      Secret kept = checked.refreshToken().orElse(refreshToken);
      AccessToken first = new AccessToken(checked.accessToken(), checked.expiresAt(), checked.scopes());
      NewAccount fresh = NewAccount.withRefreshToken(account, app, kept, List.copyOf(checked.scopes()),
          Optional.of(first));
      StoredAccount saved = exists ? access.store().replaceAccount(fresh) : access.store().putAccount(fresh);
      // offline_access asks for the refresh token; it is not a scope that sending needs.
      Set<String> missing = checked.missingScopes(oauthApp.provider().defaultScopes().stream()
          .filter(s -> !oauthApp.provider().offlineAccessScope().equals(Optional.of(s))).toList());
      out().println((exists ? "replaced the grant of " : "imported ") + saved.address() + " (app " + app
          + ", refresh worked, scopes " + String.join(" ", checked.scopes()) + ")");
      if (!missing.isEmpty()) {
        err().println("warning: the token lacks " + String.join(" ", missing) + ", which sending mail needs;"
            + " run: mailtoken doctor " + account);
      }
      return ExitCode.OK.code();
    }
  }
}
