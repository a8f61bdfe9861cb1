package dev.mailtoken.cli;

import dev.mailtoken.store.AccountEdit;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailtoken accounts set ACCOUNT --transport KIND}: the account's stored default transport for {@code send}. */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = "Change an account's settings: the transport send uses when none is named.",
    footer = {"%nA Microsoft mailbox whose SMTP AUTH is disabled (535 5.7.139) sends over Graph once it consented to"
        + " Graph (mailtoken authorize --app APP --account ACCOUNT --also graph) and Graph is its default.",
        "%nExamples:", "  mailtoken accounts set alice@contoso.com --transport graph",
        "  mailtoken accounts set alice@contoso.com --transport smtp", ExitCode.FOOTER})
final class AccountsSetCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The stored account (mailbox address).")
  String account;

  @Option(names = "--transport", required = true, paramLabel = "KIND", converter = TransportConverter.class,
      description = "smtp, gmail-api or graph: what send uses for this account without --transport.")
  StoreBackedSender.Kind transport;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      StoredAccount a = access.account(account);
      StoredApp app = access.app(a.appName());
      String name = TransportConverter.name(transport);
      checkProvider(app, name);
      access.store().updateAccount(a.address(), a.version(), AccountEdit.none().withTransport(name));
      out().println("account " + a.address() + " now sends with " + name + " by default");
      if (transport == StoreBackedSender.Kind.GRAPH && !ResourceConsent.consentedToGraph(a.grantedScopes())) {
        err().println("note: " + a.address() + " was not authorized for Graph's Mail.Send; run: mailtoken authorize"
            + " --app " + app.name() + " --account " + a.address() + " --also graph");
      }
      return ExitCode.OK.code();
    }
  }

  private static void checkProvider(StoredApp app, String name) {
    boolean fits = switch (name) {
      case "graph" -> app.kind() == ProviderKind.MICROSOFT;
      case "gmail-api" -> app.kind() == ProviderKind.GOOGLE;
      default -> true;
    };
    if (!fits) {
      throw new CliException(ExitCode.USAGE, name + " is " + (name.equals("graph") ? "Microsoft Graph" : "Google's")
          + " API, and this account's app " + app.name() + " is " + app.kind().name().toLowerCase()
          + "'s", "use --transport smtp, or an account of a " + (name.equals("graph") ? "Microsoft" : "Google")
          + " app");
    }
  }
}
