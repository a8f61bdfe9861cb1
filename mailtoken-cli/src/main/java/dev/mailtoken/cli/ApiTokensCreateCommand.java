package dev.mailtoken.cli;

import dev.mailtoken.server.ServerAdmin;
import dev.mailtoken.server.apitoken.CreatedApiToken;
import dev.mailtoken.server.apitoken.NewApiToken;
import dev.mailtoken.server.web.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailtoken api-tokens create}: prints the new token's value, the only time it is shown. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create an API token and print it (shown only this once; the store keeps its SHA-256).",
    footer = {"%nScopes: admin, accounts:read, connect, token, send, smtp, metrics.", "%nExamples:",
        "  mailtoken api-tokens create --name crm --scope token --account alice@example.com",
        "  mailtoken api-tokens create --name ops --scope admin --expires-in 24h", ExitCode.FOOTER})
final class ApiTokensCreateCommand extends Verb {
  @Option(names = "--name", required = true, paramLabel = "NAME", description = "A label for people.")
  String name;

  @Option(names = "--scope", required = true, paramLabel = "SCOPE", description = "What it may do (repeatable).")
  List<String> scopes = new ArrayList<>();

  @Option(names = "--account", paramLabel = "ADDRESS", description = "Bind it to this account (repeatable;"
      + " none: every account).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--expires-in", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "It stops working after this long (e.g. 24h); default never.")
  Duration expiresIn;

  @Override
  int execute() throws Exception {
    List<Scope> parsed = new ArrayList<>();
    for (String s : scopes) {
      parsed.add(Scope.fromWireName(s).orElseThrow(() -> new CliException(ExitCode.USAGE, "unknown scope \"" + s
          + "\"", "use one of: " + Scope.allWireNames())));
    }
    try (StoreAccess access = main().openStore(err())) {
      ServerAdmin admin = ServerAdmin.open(access.store(), main().context().clock());
      Optional<java.time.Instant> expires = Optional.ofNullable(expiresIn)
          .map(d -> main().context().clock().instant().plus(d));
      CreatedApiToken created = admin.apiTokens().create(new NewApiToken(name, parsed, accounts, expires), "cli");
      err().println("created API token " + created.token().id() + " (" + name + ", scopes "
          + created.token().scopes() + (accounts.isEmpty() ? "" : ", accounts " + created.token().accounts())
          + expires.map(e -> ", expires " + e).orElse("") + "); it is shown only now:");
      out().println(created.value().reveal());
      return ExitCode.OK.code();
    }
  }
}
