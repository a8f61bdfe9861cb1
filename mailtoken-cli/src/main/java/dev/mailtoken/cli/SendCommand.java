package dev.mailtoken.cli;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.mail.SmtpAuthDisabledException;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code mailtoken send}: builds a MIME message and sends it as a stored account. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send a message as a stored account (SMTP with XOAUTH2 or OAUTHBEARER, or the Gmail API /"
        + " Microsoft Graph).",
    footer = {"%nThe transport defaults to the account's (mailtoken accounts set ACCOUNT --transport KIND), else the"
        + " app's SMTP server (Gmail smtp.gmail.com:587, Microsoft smtp.office365.com:587). Use --transport"
        + " gmail-api when the token has only gmail.send, and --transport graph when the tenant disabled SMTP AUTH"
        + " (535 5.7.139): Graph gets a Graph token of its own from the account's refresh token (authorize"
        + " --also graph consents to both).",
        "%nExamples:",
        "  mailtoken send --from alice@example.com --to bob@example.com --subject Hi --text 'Hello Bob'",
        "  mailtoken send --from alice@example.com --to bob@example.com --subject Report --html '<b>done</b>'"
            + " --attach report.pdf",
        "  mailtoken send --from alice@contoso.com --to bob@example.com --subject Hi --file body.txt --transport graph",
        ExitCode.FOOTER})
final class SendCommand extends Verb {
  @Option(names = "--from", required = true, paramLabel = "ACCOUNT", description = "The stored account to send as.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "ADDR", split = ",", description = "Recipient(s).")
  List<String> to;

  @Option(names = "--cc", paramLabel = "ADDR", split = ",", description = "Copy recipient(s).")
  List<String> cc;

  @Option(names = "--subject", required = true, description = "The subject.")
  String subject;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Body body;

  static final class Body {
    @Option(names = "--text", description = "A plain-text body.")
    String text;

    @Option(names = "--html", description = "An HTML body.")
    String html;

    @Option(names = "--file", paramLabel = "FILE", description = "The body from a file (.html/.htm is sent as HTML).")
    Path file;
  }

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
    try (StoreAccess access = main().openStore(err())) {
      StoredAccount account = access.account(from);
      StoredApp app = access.app(account.appName());
      StoreBackedSender.Kind kind = transport != null ? transport : defaultTransport(account);
      try (StoreBackedSender outbox = new StoreBackedSender(access.store(), main().oauthClient(), main().context().clock(),
          smtpChoices.transport(app, kind, main().smtpTrust(), Optional.ofNullable(apiBase)),
          main().trustStore())) {
        MimeMessage message = compose(outbox.newMessage());
        SendResult result;
        try {
          result = outbox.send(message, account.address());
        } catch (SmtpAuthDisabledException e) {
          throw new CliException(ExitCode.CONFIGURATION, e.getMessage(), ResourceConsent.graphSteps(app, account));
        }
        out().println("sent " + result.messageId() + " via " + result.transport());
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

  private MimeMessage compose(MimeMessage message) throws Exception {
    message.setFrom(new InternetAddress(from));
    for (String addr : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(addr.strip()));
    }
    if (cc != null) {
      for (String addr : cc) {
        message.addRecipient(Message.RecipientType.CC, new InternetAddress(addr.strip()));
      }
    }
    message.setSubject(subject, "UTF-8");
    String content;
    String subtype;
    if (body.text != null) {
      content = body.text;
      subtype = "plain";
    } else if (body.html != null) {
      content = body.html;
      subtype = "html";
    } else {
      content = Files.readString(body.file, StandardCharsets.UTF_8);
      String name = body.file.getFileName().toString().toLowerCase(Locale.ROOT);
      subtype = name.endsWith(".html") || name.endsWith(".htm") ? "html" : "plain";
    }
    if (attachments == null || attachments.isEmpty()) {
      message.setText(content, "UTF-8", subtype);
      return message;
    }
    MimeBodyPart main = new MimeBodyPart();
    main.setText(content, "UTF-8", subtype);
    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(main);
    for (Path file : attachments) {
      MimeBodyPart part = new MimeBodyPart();
      part.attachFile(file.toFile());
      mixed.addBodyPart(part);
    }
    message.setContent(mixed);
    return message;
  }
}
