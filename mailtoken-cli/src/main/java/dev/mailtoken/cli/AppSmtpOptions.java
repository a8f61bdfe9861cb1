package dev.mailtoken.cli;

import dev.mailtoken.mail.SmtpSecurity;
import dev.mailtoken.store.StoredApp;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code apps add/update --smtp-security, --sasl, --allow-plaintext}: how {@code send},
 * {@code sendmail} and {@code doctor --smtp} reach the app's SMTP server unless a send says
 * otherwise. {@code auto} clears a choice (the port decides the mode, EHLO the mechanism). A
 * picocli mixin; one per command invocation, not thread-safe.
 */
final class AppSmtpOptions {
  @Option(names = "--smtp-security", paramLabel = "MODE", description = "How to reach the SMTP server: tls"
      + " (implicit TLS), starttls, none (needs --allow-plaintext; loopback servers only) or auto (default: tls on"
      + " port 465, else starttls).")
  String security;

  @Option(names = "--sasl", paramLabel = "MECH", description = "The SASL mechanism for SMTP: xoauth2, oauthbearer"
      + " or auto (default: what the server's EHLO offers, XOAUTH2 first).")
  String sasl;

  @Option(names = "--allow-plaintext", description = "With --smtp-security none: confirm that tokens go to this"
      + " app's SMTP server without TLS (loopback servers only).")
  boolean allowPlaintext;

  boolean given() {
    return security != null || sasl != null;
  }

  /**
   * Usage errors found from the command line alone: an unknown word, {@code none} without
   * {@code --allow-plaintext}, or {@code --allow-plaintext} without {@code none}.
   */
  void check() {
    Optional<SmtpSecurity> mode = mode();
    if (sasl != null) {
      SmtpChoices.mechanism("--sasl", sasl);
    }
    boolean none = mode.equals(Optional.of(SmtpSecurity.NONE));
    if (none && !allowPlaintext) {
      throw new CliException(ExitCode.USAGE, "--smtp-security none sends tokens without TLS",
          "add --allow-plaintext to confirm (loopback servers only), or use --smtp-security starttls or tls");
    }
    if (allowPlaintext && !none) {
      throw new CliException(ExitCode.USAGE, "--allow-plaintext applies only with --smtp-security none",
          "drop --allow-plaintext, or give --smtp-security none for a loopback server");
    }
  }

  /** {@code app} with the choices given here; those not given keep the app's. */
  StoredApp applyTo(StoredApp app) {
    Optional<String> newSecurity = security == null ? app.smtpSecurity() : mode().map(SmtpChoices::spelling);
    Optional<String> newSasl = sasl == null ? app.sasl()
        : SmtpChoices.mechanism("--sasl", sasl).map(m -> m.name().toLowerCase(Locale.ROOT));
    return app.withSmtpChoices(newSecurity, newSasl);
  }

  /** The mode given, empty for none given or {@code auto}. */
  private Optional<SmtpSecurity> mode() {
    if (security == null || security.equalsIgnoreCase("auto")) {
      return Optional.empty();
    }
    return Optional.of(SmtpChoices.security("--smtp-security", security));
  }
}
