package dev.mailtoken.mail;

import dev.mailtoken.UntrustedCertificateException;
import dev.mailtoken.internal.http.TlsFailures;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Names what went wrong while one connection was opened and authenticated, before any reply to
 * AUTH: a refused certificate, a server that expects the other TLS mode, a mechanism it does not
 * offer. Anything else is returned as it was (Angus's own failure, classified later by
 * {@link SmtpFailures}). (Jakarta Mail's {@code MessagingException.getCause()} is its next
 * exception, so walking causes sees Angus's nested I/O failures.) One per connect call; not
 * thread-safe.
 */
final class SmtpConnectFailures {
  private final String account;
  private final String where;
  private final SmtpServer server;

  SmtpConnectFailures(String account, String where, SmtpServer server) {
    this.account = account;
    this.where = where;
    this.server = server;
  }

  /**
   * @param greeted whether the server's greeting had arrived
   * @param offeredAuth the server's AUTH capability when AUTH failed without the token going out, else null
   * @return the failure to throw: the typed exception wrapped, or {@code e} itself
   */
  MessagingException classify(MessagingException e, boolean greeted, String offeredAuth) {
    Optional<String> refused = TlsFailures.certificateRefused(e);
    if (refused.isPresent()) {
      return TokenSmtpTransport.wrap(new UntrustedCertificateException(where, account, refused.get(), e));
    }
    if (!greeted && TlsFailures.notTls(e)) {
      return TokenSmtpTransport.wrap(new SmtpSecurityMismatchException(account, where, server.security(),
          "answered in plain text", e));
    }
    if (!greeted && timedOut(e)) {
      long ms = server.greetingTimeout().toMillis();
      String what = server.security() == SmtpSecurity.IMPLICIT_TLS ? "did not answer within " + ms + " ms"
          : "no greeting within " + ms + " ms";
      return TokenSmtpTransport.wrap(new SmtpSecurityMismatchException(account, where, server.security(), what, e));
    }
    if (e instanceof AuthenticationFailedException && offeredAuth != null) {
      List<String> offered = Arrays.stream(offeredAuth.trim().split("\\s+")).filter(m -> !m.isEmpty()).toList();
      List<String> wanted = Arrays.asList(server.mechanisms().split(" "));
      if (offered.stream().noneMatch(o -> wanted.stream().anyMatch(o::equalsIgnoreCase))) {
        String either = String.join(" or ", wanted);
        return TokenSmtpTransport.wrap(new MechanismNotOfferedException(account, where, either, offered));
      }
    }
    return e;
  }

  /** A read that timed out; a connect timeout is a network failure, not a sign of the wrong mode. */
  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MailConnectException) {
        return false;
      }
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
