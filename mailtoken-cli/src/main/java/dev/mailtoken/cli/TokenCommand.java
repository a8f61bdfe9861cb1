package dev.mailtoken.cli;

import dev.mailtoken.store.NoSuchEntryException;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken token ACCOUNT}: prints a valid access token for scripts — the one command whose
 * output is a secret, because the user asked for it. A stored token with a minute or more left is
 * printed without any network and without building an OAuth client; otherwise the store refreshes
 * (coordinated with other processes sharing the store).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Print a valid access token (refreshing if needed). This output IS the secret.",
    footer = {"%nExamples:", "  curl -H \"$(mailtoken token alice@example.com --header)\" URL",
        "  mailtoken token alice@example.com --renew",
        "  mailtoken token alice@example.com --json", ExitCode.FOOTER})
final class TokenCommand extends Verb {
  /** A token with less than this left would expire in the caller's hands. */
  static final Duration MIN_REMAINING = Duration.ofSeconds(60);

  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The stored account (mailbox address).")
  String account;

  @Option(names = "--renew", description = "Get a new token even if the stored one looks valid (it was rejected).")
  boolean renew;

  @Option(names = "--header", description = "Print 'Authorization: Bearer <token>'.")
  boolean header;

  @Option(names = "--json", description = "Print {\"access_token\",\"expires_at\",\"scope\"}.")
  boolean json;

  @Override
  int execute() throws Exception {
    if (header && json) {
      throw new CliException(ExitCode.USAGE, "choose one of --header and --json");
    }
    try (StoreAccess access = main().openStore(err())) {
      AccessToken token;
      try {
        Optional<AccessToken> cached = renew ? Optional.empty()
            : access.store().cachedAccessToken(account, MIN_REMAINING);
        token = cached.isPresent() ? cached.get() : access.store().freshToken(account, renew, main().oauthClient());
      } catch (NoSuchEntryException e) {
        if (access.store().account(account).isEmpty()) {
          throw access.noSuchAccount(account);
        }
        throw e;
      }
      out().println(render(token));
      return ExitCode.OK.code();
    }
  }

  private String render(AccessToken token) {
    String value = token.value().reveal();
    if (header) {
      return "Authorization: Bearer " + value;
    }
    if (!json) {
      return value;
    }
    // Written by hand: keeps Jackson off the fast path's class loading.
    return "{\"access_token\":" + quote(value) + ",\"expires_at\":"
        + token.expiresAt().map(i -> quote(i.toString())).orElse("null") + ",\"scope\":"
        + quote(String.join(" ", new TreeSet<>(token.scopes()))) + "}";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
