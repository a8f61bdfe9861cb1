package dev.mailtoken.internal.http;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises, in a failure's cause chain, a TLS server certificate that was refused (as opposed to
 * a network failure that may pass): no trusted path (PKIX), a certificate for another host, one
 * outside its validity. Used for HTTP (token endpoints, the mail APIs) and SMTP alike. Stateless.
 */
public final class TlsFailures {
  private TlsFailures() {
  }

  /** Why the certificate was refused, when {@code failure} is such a refusal; empty for anything else. */
  public static Optional<String> certificateRefused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || m.contains("PKIX path")) {
        return Optional.of(m.contains("PKIX") ? firstLine(m) : "PKIX: " + firstLine(m));
      }
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return Optional.of("the certificate is outside its validity: " + firstLine(m));
      }
      String lower = m.toLowerCase(Locale.ROOT);
      if (lower.contains("no subject alternative") || lower.contains("no name matching")
          || lower.contains("can't verify identity of server")) {
        return Optional.of("the certificate does not name the host: " + firstLine(m));
      }
    }
    return Optional.empty();
  }

  /**
   * True when the peer answered a TLS handshake with something that is not TLS (typically a plain
   * text SMTP greeting or HTTP response): the two sides disagree about whether TLS comes first.
   */
  public static boolean notTls(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof javax.net.ssl.SSLException && (m.contains("Unsupported or unrecognized SSL message")
          || m.contains("plaintext connection"))) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
