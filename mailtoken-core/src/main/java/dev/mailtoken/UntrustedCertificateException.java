package dev.mailtoken;

/**
 * A TLS server's certificate was not accepted, so nothing was sent to it: no trusted certification
 * path (PKIX: a self-signed certificate or a private CA), a certificate that does not name the host,
 * or one outside its validity. Retrying does not help; trusting the right CA does (an
 * {@code SSLContext} with it, or the CLI's trust store), or connecting to the right host. Not
 * transient.
 */
public class UntrustedCertificateException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String server;
  private final String reason;

  /**
   * @param server the server as {@code host:port} or its URI
   * @param account the account the connection was for, or null
   * @param reason why the certificate was refused, e.g. {@code PKIX path building failed: …}
   */
  public UntrustedCertificateException(String server, String account, String reason, Throwable cause) {
    super("The TLS certificate of " + server + " is not trusted (" + reason + "); nothing was sent to it. If the"
        + " server uses a private or self-signed CA, trust that CA; otherwise check the host name, and whether"
        + " something on the network intercepts TLS", account, null, cause);
    this.server = server;
    this.reason = reason;
  }

  /** The server whose certificate was refused ({@code host:port} or a URI). */
  public String server() {
    return server;
  }

  /** Why, in the JDK's words where it has them ({@code PKIX path building failed: …}). */
  public String reason() {
    return reason;
  }
}
