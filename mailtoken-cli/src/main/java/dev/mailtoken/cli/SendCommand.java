package dev.mailtoken.cli;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.mail.SmtpAuthDisabledException;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code mailtoken send}: builds a MIME message from its options ({@link MessageComposer}), or
 * takes a ready-made one ({@code --raw}, {@link RawSend}), and sends it as a stored account.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send a message as a stored account (SMTP with XOAUTH2 or OAUTHBEARER, or the Gmail API /"
        + " Microsoft Graph).",
    footer = {"%nThe transport defaults to the account's (mailtoken accounts set ACCOUNT --transport KIND), else the"
        + " app's SMTP server (Gmail smtp.gmail.com:587, Microsoft smtp.office365.com:587). Use --transport"
        + " gmail-api when the token has only gmail.send, and --transport graph when the tenant disabled SMTP AUTH"
        + " (535 5.7.139): Graph gets a Graph token of its own from the account's refresh token (authorize"
        + " --also graph consents to both).",
        "%nThe value - reads standard input: --text -, --html -, --file -, --raw -. --raw sends a ready-made"
        + " message as it is (Bcc fields removed): the account is --from or its From address, the recipients"
        + " --to or its To, Cc and Bcc addresses.",
        "%nExamples:",
        "  mailtoken send --from alice@example.com --to bob@example.com --subject Hi --text 'Hello Bob'",
        "  mailtoken send --from alice@example.com --to bob@example.com --subject Report --html '<b>done</b>'"
            + " --attach report.pdf",
        "  mailtoken send --from alice@contoso.com --to bob@example.com --subject Hi --file body.txt --transport graph",
        "  df -h | mailtoken send --from alice@example.com --to ops@example.com --subject 'disk space' --text -",
        "  mailtoken send --from alice@example.com --to bob@example.com --bcc audit@example.com --subject Re:"
            + " --text ok --header 'In-Reply-To: <42@example.com>'",
        "  mailtoken send --raw message.eml",
        ExitCode.FOOTER})
final class SendCommand extends Verb {
  @Option(names = "--from", paramLabel = "ACCOUNT", description = "The stored account to send as (with --raw:"
      + " default the message's From address).")
  String from;

  @Option(names = "--to", paramLabel = "ADDR", split = ",", description = "Recipient(s) (with --raw: the envelope"
      + " recipients instead of the message's To, Cc and Bcc).")
  List<String> to;

  @Option(names = "--cc", paramLabel = "ADDR", split = ",", description = "Copy recipient(s).")
  List<String> cc;

  @Option(names = "--bcc", paramLabel = "ADDR", split = ",", description = "Blind copy recipient(s): in the"
      + " envelope, not in the message.")
  List<String> bcc;

  @Option(names = "--reply-to", paramLabel = "ADDR", split = ",", description = "Where replies should go.")
  List<String> replyTo;

  @Option(names = "--subject", description = "The subject.")
  String subject;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Body body;

  static final class Body {
    @Option(names = "--text", description = "A plain-text body (- reads standard input).")
    String text;

    @Option(names = "--html", description = "An HTML body (- reads standard input).")
    String html;

    @Option(names = "--file", paramLabel = "FILE", description = "The body from a file (.html/.htm is sent as HTML;"
        + " - reads standard input as plain text).")
    Path file;

    @Option(names = "--raw", paramLabel = "FILE", description = "Send a ready-made RFC 5322 message as it is"
        + " (- reads standard input); Bcc fields are removed.")
    Path raw;
  }

  @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "An extra header field (repeatable),"
      + " e.g. 'In-Reply-To: <id@example.com>'.")
  List<String> headers;

  @Option(names = "--attach", paramLabel = "FILE", description = "Attach a file (repeatable).")
  List<Path> attachments;

  @Option(names = "--transport", paramLabel = "KIND", converter = TransportConverter.class,
      description = "smtp, gmail-api or graph (default: the account's, else smtp).")
  StoreBackedSender.Kind transport;

  @Mixin
  SmtpChoices smtpChoices = new SmtpChoices();

  @Option(names = "--api-base", paramLabel = "URL", description = "Base URL of the Gmail/Graph API (testing, proxies).")
  URI apiBase;

  @Override
  int execute() throws Exception {
    // Everything local is checked before the store is opened or a connection made.
    RawSend raw = body.raw != null ? raw() : null;
    MessageComposer composer = raw == null ? new MessageComposer(new MessageComposer.Addresses(from, to, cc, bcc,
        replyTo), subject, MessageBody.of(body.text, body.html, body.file, main().context().stdin()), headers,
        attachments) : null;
    String sender = raw != null ? raw.account() : from;
    try (StoreAccess access = main().openStore(err())) {
      StoredAccount account = access.account(sender);
      StoredApp app = access.app(account.appName());
      StoreBackedSender.Kind kind = transport != null ? transport : defaultTransport(account);
      try (StoreBackedSender outbox = new StoreBackedSender(access.store(), main().oauthClient(), main().context().clock(),
          smtpChoices.transport(app, kind, main().smtpTrust(), Optional.ofNullable(apiBase)),
          main().trustStore())) {
        SendResult result;
        try {
          result = raw != null ? sendRaw(outbox, raw, account.address())
              : outbox.send(composer.compose(), account.address());
        } catch (SmtpAuthDisabledException e) {
          throw new CliException(ExitCode.CONFIGURATION, e.getMessage(), ResourceConsent.graphSteps(app, account));
        }
        out().println("sent " + (result.messageId().isEmpty() ? "(no Message-ID)" : result.messageId()) + " via "
            + result.transport());
        out().println("server reply: " + result.serverReply().strip());
      }
      return ExitCode.OK.code();
    }
  }

  /** The account's stored default transport, else SMTP. */
  private static StoreBackedSender.Kind defaultTransport(StoredAccount account) {
    try {
      return account.transport().map(new TransportConverter()::convert).orElse(StoreBackedSender.Kind.SMTP);
    } catch (TypeConversionException e) {
      throw new CliException(ExitCode.CONFIGURATION, "account " + account.address() + " has the default transport '"
          + account.transport().orElseThrow() + "', which this mailtoken does not know", "mailtoken accounts set "
          + account.address() + " --transport smtp (or gmail-api, graph), or name one with --transport");
    }
  }

  /** The ready-made message of {@code --raw}; no option that builds a message may come with it. */
  private RawSend raw() {
    if (subject != null || cc != null || bcc != null || replyTo != null || headers != null || attachments != null) {
      throw new CliException(ExitCode.USAGE, "--raw sends the message as it is: --subject, --cc, --bcc, --reply-to,"
          + " --header and --attach do not apply", "edit the message itself, or leave out --raw");
    }
    byte[] bytes;
    try {
      bytes = body.raw.toString().equals(MessageBody.STDIN) ? MessageInput.readAll(main().context().stdin())
          : Files.readAllBytes(body.raw);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read the message " + body.raw + ": " + (Files.exists(body.raw)
          ? e.getMessage() : "there is no such file"), "nothing was sent");
    }
    return RawSend.of(bytes, Optional.ofNullable(from), to);
  }

  private static SendResult sendRaw(StoreBackedSender outbox, RawSend raw, String account) throws Exception {
    try {
      return outbox.send(raw.envelope(), raw.bytes(), account);
    } catch (IllegalArgumentException e) {
      // The HTTP APIs deliver to the header recipients: --to that leaves some out cannot be honoured.
      throw new CliException(ExitCode.USAGE, "cannot send this message over the API: " + e.getMessage());
    }
  }
}
