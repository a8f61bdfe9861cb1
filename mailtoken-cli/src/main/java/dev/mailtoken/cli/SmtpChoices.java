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
 * the app's SMTP server when the app's choices ({@code apps add/update --smtp-security, --sasl})
 * or the defaults (security from the port, mechanism from EHLO) are not right for one send. A
 * picocli mixin; one per command invocation, not thread-safe. The static methods map the CLI's
 * words and apply the choices; they are stateless.
 */
final class SmtpChoices {
  @Option(names = "--smtp-security", paramLabel = "MODE",
      description = "tls (implicit TLS), starttls or none (default: the app's, else tls on port 465, else"
          + " starttls; none needs --allow-plaintext and a loopback server).")
  String security;

  @Option(names = "--sasl", paramLabel = "MECH",
      description = "auto, xoauth2 or oauthbearer (default: the app's, else auto: what the server's EHLO offers,"
          + " XOAUTH2 first).")
  String sasl;

  @Option(names = "--allow-plaintext",
      description = "With --smtp-security none: send the token without TLS (loopback servers only).")
  boolean allowPlaintext;

  /**
   * The app's transport of {@code kind} ({@link StoreBackedSender#transport}), its SMTP server with
   * these choices applied over the app's stored ones; {@code trust} applies unless the mode is
   * {@code none}.
   *
   * @throws CliException (usage) for an unknown mode or mechanism, {@code --smtp-security none}
   *     without {@code --allow-plaintext}, {@code --allow-plaintext} with a TLS mode, or a choice
   *     given for an HTTP transport
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
    SmtpServer base = StoreBackedSender.baseServer(app);
    Optional<SmtpSecurity> chosen = security == null ? storedSecurity(app)
        : Optional.of(security("--smtp-security", security));
    SmtpSecurity mode = chosen.orElse(base.security());
    if (security != null && mode == SmtpSecurity.NONE && !allowPlaintext) {
      throw new CliException(ExitCode.USAGE, "--smtp-security none sends the token without TLS",
          "add --allow-plaintext to confirm (loopback servers only), or use --smtp-security starttls or tls");
    }
    if (allowPlaintext && mode != SmtpSecurity.NONE) {
      throw new CliException(ExitCode.USAGE, "--allow-plaintext applies only with --smtp-security none",
          "drop --allow-plaintext: with " + spelling(mode) + " the token goes over TLS");
    }
    Optional<SaslMechanism> mechanism = sasl == null ? storedMechanism(app) : mechanism("--sasl", sasl);
    return server(base, chosen, mechanism, trust);
  }

  /**
   * {@code base} with a security mode and mechanism (empty: as {@code base} has them); a mode of
   * {@code none} allows plaintext AUTH (the library still refuses it but to loopback hosts), any
   * other mode trusts {@code trust} when given.
   */
  static SmtpServer server(SmtpServer base, Optional<SmtpSecurity> security, Optional<SaslMechanism> mechanism,
      Optional<SSLContext> trust) {
    SmtpServerBuilder b = base.toBuilder();
    security.ifPresent(b::security);
    if (security.orElse(base.security()) == SmtpSecurity.NONE) {
      b.allowPlaintextAuth(true);
    } else {
      trust.ifPresent(b::sslContext);
    }
    mechanism.ifPresent(b::mechanism);
    return b.build();
  }

  /** The app's stored mode ({@code apps add/update --smtp-security}), when it has one. */
  static Optional<SmtpSecurity> storedSecurity(StoredApp app) {
    return app.smtpSecurity().map(v -> security("the app's SMTP security", v));
  }

  /** The app's stored mechanism ({@code apps add/update --sasl}), when it has one. */
  static Optional<SaslMechanism> storedMechanism(StoredApp app) {
    return app.sasl().flatMap(v -> mechanism("the app's SASL mechanism", v));
  }

  /** The mechanism a {@code --sasl} word names; empty for {@code auto}. */
  static Optional<SaslMechanism> mechanism(String option, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "auto":
        return Optional.empty();
      case "xoauth2":
        return Optional.of(SaslMechanism.XOAUTH2);
      case "oauthbearer":
        return Optional.of(SaslMechanism.OAUTHBEARER);
      default:
        throw new CliException(ExitCode.USAGE, option + " must be auto, xoauth2 or oauthbearer, was \"" + value + "\"",
            "auto uses what the server's EHLO offers");
    }
  }

  /** The mode a {@code --smtp-security} word names. */
  static SmtpSecurity security(String option, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "tls":
        return SmtpSecurity.IMPLICIT_TLS;
      case "starttls":
        return SmtpSecurity.STARTTLS;
      case "none":
        return SmtpSecurity.NONE;
      default:
        throw new CliException(ExitCode.USAGE, option + " must be tls, starttls or none, was \"" + value + "\"",
            "tls is TLS from the first byte (usual on port 465), starttls upgrades a plain connection (587)");
    }
  }

  /** The CLI's word for a mode. */
  static String spelling(SmtpSecurity mode) {
    return mode == SmtpSecurity.IMPLICIT_TLS ? "tls" : mode.name().toLowerCase(Locale.ROOT);
  }
}
