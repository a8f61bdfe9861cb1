package dev.mailtoken.mail;

import dev.mailtoken.ConfigurationException;

/**
 * The server and the client disagree about when TLS starts, so nothing was sent: a plain
 * connection (STARTTLS or none) got no greeting within the greeting timeout, as happens with a
 * server that expects TLS from the first byte; or a TLS handshake (implicit TLS) was answered in
 * plain text, or not at all, as a STARTTLS server does. {@link #suggested()} is the mode to try.
 * Not transient: reaching the same server in the same mode fails the same way.
 */
public class SmtpSecurityMismatchException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String server;
  private final SmtpSecurity security;
  private final SmtpSecurity suggested;

  /**
   * @param server {@code host:port}
   * @param security the mode that failed
   * @param what what was observed, e.g. "no greeting within 10000 ms"
   */
  public SmtpSecurityMismatchException(String account, String server, SmtpSecurity security, String what,
      Throwable cause) {
    super(message(server, security, what), account, null, cause);
    this.server = server;
    this.security = security;
    this.suggested = security == SmtpSecurity.IMPLICIT_TLS ? SmtpSecurity.STARTTLS : SmtpSecurity.IMPLICIT_TLS;
  }

  /** The server, {@code host:port}. */
  public String server() {
    return server;
  }

  /** The mode that failed. */
  public SmtpSecurity security() {
    return security;
  }

  /** The mode the server probably expects: implicit TLS after a plain connection failed, else STARTTLS. */
  public SmtpSecurity suggested() {
    return suggested;
  }

  private static String message(String server, SmtpSecurity security, String what) {
    if (security == SmtpSecurity.IMPLICIT_TLS) {
      return "SMTP server " + server + " " + what + " to a TLS handshake (implicit TLS): it probably expects a plain"
          + " connection upgraded with STARTTLS (usual on port 587); connect with STARTTLS, or check the port";
    }
    return "SMTP server " + server + " sent " + what + " to a plain connection (" + (security == SmtpSecurity.NONE
        ? "no TLS" : "STARTTLS") + "): it probably expects TLS from the first byte (implicit TLS, usual on port 465);"
        + " connect with implicit TLS, or check the port";
  }
}
