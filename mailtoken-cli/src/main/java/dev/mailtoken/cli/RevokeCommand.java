package dev.mailtoken.cli;

import dev.mailtoken.oauth.App;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.Revocation;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenTypeHint;
import dev.mailtoken.store.AccountSecrets;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.StoredAccount;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken revoke ACCOUNT}: revokes the grant at the provider where it can (RFC 7009), then
 * removes the local secrets, and says honestly what could not be revoked (Microsoft has no
 * revocation endpoint). When the provider cannot be reached the local secrets are kept, so the
 * command can be run again.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke the account's tokens at the provider (where possible) and remove the local secrets.",
    footer = {"%nThe account stays listed with status 'revoked'; remove it with mailtoken accounts remove.",
        "%nExamples:", "  mailtoken revoke alice@example.com", ExitCode.FOOTER})
final class RevokeCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The stored account (mailbox address).")
  String account;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      StoredAccount stored = access.account(account);
      App app = access.app(stored.appName()).toApp();
      Optional<AccountSecrets> secrets = access.store().secrets(account);
      Optional<Secret> refresh = secrets.flatMap(AccountSecrets::refreshToken);
      Optional<Secret> accessToken = secrets.flatMap(AccountSecrets::accessToken).map(t -> t.value());
      String provider = app.provider().name();
      if (app.provider().revocationEndpoint().isEmpty()) {
        out().println("not revoked at " + provider + ": " + noEndpoint(provider));
      } else {
        if (refresh.isPresent()) {
          out().println("refresh token: " + say(revoke(app, refresh.get(), TokenTypeHint.REFRESH_TOKEN), provider));
        }
        if (accessToken.isPresent()) {
          out().println("access token:  " + say(revoke(app, accessToken.get(), TokenTypeHint.ACCESS_TOKEN),
              provider));
        }
        if (refresh.isEmpty() && accessToken.isEmpty()) {
          out().println("nothing to revoke at " + provider + ": no secrets are stored for " + account);
        }
      }
      access.store().clearSecrets(account);
      String again = stored.kind() == GrantKind.SERVICE_ACCOUNT
          ? "remove it and add it again with accounts add-service-account to use it"
          : "authorize again to use it";
      out().println("local secrets: removed; " + account + " is now 'revoked' (" + again + ", or: mailtoken accounts"
          + " remove " + account + ")");
      return ExitCode.OK.code();
    }
  }

  private Revocation revoke(App app, Secret token, TokenTypeHint hint) throws MailtokenException {
    try {
      return main().oauthClient().revoke(app, token, hint);
    } catch (MailtokenException e) {
      err().println("the local secrets were kept so you can run revoke again");
      throw e;
    }
  }

  private static String say(Revocation r, String provider) {
    switch (r) {
      case REVOKED:
        return "revoked at " + provider;
      case ALREADY_INVALID:
        return provider + " says it was already invalid (nothing left to revoke)";
      default:
        return "not revoked: " + provider + " has no revocation endpoint";
    }
  }

  static String noEndpoint(String provider) {
    if (provider.equals("microsoft")) {
      return "Microsoft has no revocation endpoint. The refresh token stays valid until it expires or the"
          + " consent is removed: remove the app's consent at https://myapps.microsoft.com (or an admin at"
          + " Entra ID > Enterprise applications), or revoke the user's sessions (Revoke-MgUserSignInSession).";
    }
    return provider + " has no revocation endpoint; remove the app's access in the account's security settings.";
  }
}
