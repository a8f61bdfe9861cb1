package dev.mailtoken.cli;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code mailtoken sendmail [-t] [-i] [-f FROM] [-F NAME] [RECIPIENT…]}: a sendmail-compatible
 * entry point, as msmtp has, so that cron, git send-email, mutt and PHP's {@code mail()} send
 * through an OAuth2 account. Reads one message on standard input and sends it as it is (see
 * {@link SendmailMessage} for the few header fields it adds or removes) over the account's SMTP
 * server. {@code bin/mailtoken} run through a link named {@code sendmail} runs this command.
 *
 * <p>The flags are read by {@link SendmailArguments}, not picocli, because sendmail's own syntax
 * ({@code -oi}, {@code -fFROM}, {@code -ti}) is not picocli's. Prints nothing when it worked
 * ({@code -v}: what was sent); an error is the usual {@code mailtoken:} line and hint, and the exit
 * code is a {@link Sysexit}.
 */
@Command(name = "sendmail",
    description = "Send the message on standard input, as sendmail does (for cron, git send-email, mutt, PHP).",
    footer = {"%nThe account is the first of -f and the From address that is a stored account, else"
        + " $MAILTOKEN_SENDMAIL_ACCOUNT. -t adds the To, Cc and Bcc addresses to the recipients; Bcc is always"
        + " removed. Without -i (or -oi) a line with a single dot ends the message. Accepted and ignored: -oX"
        + " options (-oem, -odi, …), -B, -C, -d, -e, -h, -L, -N, -R, -V, -X, -G, -U, -m, -n, -s, -bm.",
        "Install: ln -s \"$PWD/bin/mailtoken\" /usr/local/bin/sendmail (a link named sendmail runs this command).",
        "%nExamples:",
        "  printf 'Subject: hi\\n\\nhello\\n' | mailtoken sendmail -i -f alice@example.com bob@example.com",
        "  mailtoken sendmail -t -i < message.eml",
        "%nExit codes: 0 sent, 64 usage, 65 unusable message, 67 no such account or recipient refused,"
            + " 69 refused for good, 70 internal error, 74 standard input unreadable, 75 try again later,"
            + " 78 configuration (sysexits.h)."})
final class SendmailCommand extends Verb {
  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  /** Every argument, for {@link SendmailArguments}: sendmail's flags are not picocli options. */
  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  int execute() {
    try {
      return send();
    } catch (Exception e) {
      Exception shown = e instanceof SendmailFailure f ? f.asCliException() : e;
      new ErrorReporter(main()).handleExecutionException(shown, spec.commandLine(), spec.commandLine()
          .getParseResult());
      return Sysexit.of(e).code();
    }
  }

  private int send() throws Exception {
    SendmailArguments arguments = SendmailArguments.parse(args);
    RawMessage raw = RawMessage.parse(read(arguments));
    try (StoreAccess access = main().openStore(err())) {
      Optional<String> defaultAccount = Optional.ofNullable(main().effectiveEnv().get(SendmailMessage.ACCOUNT_VARIABLE))
          .map(String::strip).filter(s -> !s.isEmpty());
      Map<String, String> stored = new HashMap<>();
      for (StoredAccount a : access.store().accounts()) {
        stored.put(a.address().toLowerCase(Locale.ROOT), a.address());
      }
      SendmailMessage message = SendmailMessage.prepare(arguments, raw,
          address -> Optional.ofNullable(stored.get(address.toLowerCase(Locale.ROOT))), defaultAccount,
          main().context().clock());
      StoredAccount account = access.account(message.account());
      StoredApp app = access.app(account.appName());
      try (StoreBackedSender sender = new StoreBackedSender(access.store(), main().oauthClient(),
          main().context().clock(), StoreBackedSender.transport(app, StoreBackedSender.Kind.SMTP,
          main().smtpTrust(), Optional.empty()))) {
        SendResult result = sender.send(message.envelope(), message.bytes(), account.address());
        if (arguments.verbose()) {
          out().println("sent " + result.messageId() + " via " + result.transport() + " as " + account.address()
              + " to " + String.join(", ", message.envelope().recipients()));
          out().println("server reply: " + result.serverReply().strip());
        }
      }
      return Sysexit.OK.code();
    }
  }

  private byte[] read(SendmailArguments arguments) {
    byte[] input;
    try {
      input = arguments.ignoreDots() ? MessageInput.readAll(main().context().stdin())
          : MessageInput.readUntilDotLine(main().context().stdin());
    } catch (IOException e) {
      throw new SendmailFailure(Sysexit.IOERR, "cannot read the message from standard input: " + e.getMessage(),
          null);
    }
    if (new String(input, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
      throw new SendmailFailure(Sysexit.DATAERR, "no message on standard input",
          "pipe the message in: header fields, an empty line, the body");
    }
    return input;
  }
}
