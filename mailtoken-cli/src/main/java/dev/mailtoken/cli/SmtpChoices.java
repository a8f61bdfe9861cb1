package dev.mailtoken.cli;

import dev.mailtoken.mail.MailTransport;
import dev.mailtoken.mail.SaslMechanism;
import dev.mailtoken.mail.SmtpSecurity;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.mail.SmtpServerBuilder;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * {@code --smtp-security}, {@code --sasl} and {@code --allow-plaintext}: how {@code send} reaches
 * the app's SMTP server when the defaults (security from the port, mechanism from EHLO) are not
 * right. A picocli mixin; one per command invocation, not thread-safe.
 */
final class SmtpChoices {
  @Option(names = "--smtp-security", paramLabel = "MODE",
      description = "tls (implicit TLS), starttls or none (default: tls on port 465, else starttls; none needs"
          + " --allow-plaintext and a loopback server).")
  String security;

  @Option(names = "--sasl", paramLabel = "MECH",
      description = "auto, xoauth2 or oauthbearer (default auto: what the server's EHLO offers, XOAUTH2 first).")
  String sasl;

  @Option(names = "--allow-plaintext",
      description = "With --smtp-security none: send the token without TLS (loopback servers only).")
  boolean allowPlaintext;

  /**
   * The app's transport of {@code kind} ({@link StoreBackedSender#transport}), its SMTP server with
   * these choices applied; {@code trust} applies unless the choice is {@code none}.
   *
   * @throws CliException (usage) for an unknown mode or mechanism, {@code none} without
   *     {@code --allow-plaintext} or the reverse, or a choice given for an HTTP transport
   */
  MailTransport transport(StoredApp app, StoreBackedSender.Kind kind, Optional<SSLContext> trust,
      Optional<URI> apiBase) {
    if (security == null && sasl == null && !allowPlaintext) {
      return StoreBackedSender.transport(app, kind, trust, apiBase);
    }
    if (kind != StoreBackedSender.Kind.SMTP) {
      throw new CliException(ExitCode.USAGE, "--smtp-security, --sasl and --allow-plaintext apply only to SMTP",
          "drop them, or send with --transport smtp");
    }
    SmtpServer server = StoreBackedSender.smtpServer(app, Optional.empty());
    SmtpServerBuilder b = server.toBuilder();
    SmtpSecurity mode = security == null ? server.security() : security(security);
    if (security != null) {
      b.security(mode);
    }
    if (mode == SmtpSecurity.NONE && !allowPlaintext) {
      throw new CliException(ExitCode.USAGE, "--smtp-security none sends the token without TLS",
          "add --allow-plaintext to confirm (loopback servers only), or use --smtp-security starttls or tls");
    }
    if (allowPlaintext && mode != SmtpSecurity.NONE) {
      throw new CliException(ExitCode.USAGE, "--allow-plaintext applies only with --smtp-security none",
          "drop --allow-plaintext: with " + spelling(mode) + " the token goes over TLS");
    }
    if (mode == SmtpSecurity.NONE) {
      b.allowPlaintextAuth(true);
    } else {
      trust.ifPresent(b::sslContext);
    }
    mechanism().ifPresent(b::mechanism);
    return b.build();
  }

  private Optional<SaslMechanism> mechanism() {
    if (sasl == null) {
      return Optional.empty();
    }
    switch (sasl.toLowerCase(Locale.ROOT)) {
      case "auto":
        return Optional.empty();
      case "xoauth2":
        return Optional.of(SaslMechanism.XOAUTH2);
      case "oauthbearer":
        return Optional.of(SaslMechanism.OAUTHBEARER);
      default:
        throw new CliException(ExitCode.USAGE, "--sasl must be auto, xoauth2 or oauthbearer, was \"" + sasl + "\"",
            "auto uses what the server's EHLO offers");
    }
  }

  private static SmtpSecurity security(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "tls":
        return SmtpSecurity.IMPLICIT_TLS;
      case "starttls":
        return SmtpSecurity.STARTTLS;
      case "none":
        return SmtpSecurity.NONE;
      default:
        throw new CliException(ExitCode.USAGE, "--smtp-security must be tls, starttls or none, was \"" + value + "\"",
            "tls is TLS from the first byte (usual on port 465), starttls upgrades a plain connection (587)");
    }
  }

  /** The CLI's word for a mode. */
  static String spelling(SmtpSecurity mode) {
    return mode == SmtpSecurity.IMPLICIT_TLS ? "tls" : mode.name().toLowerCase(Locale.ROOT);
  }
}
