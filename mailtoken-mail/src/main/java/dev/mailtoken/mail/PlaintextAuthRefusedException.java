package dev.mailtoken.mail;

import dev.mailtoken.ConfigurationException;

/**
 * A bearer token would have gone over an unencrypted connection, so nothing was sent. Use
 * {@link SmtpSecurity#STARTTLS} or {@link SmtpSecurity#IMPLICIT_TLS}; plaintext is allowed only
 * for loopback test servers with {@code allowPlaintextAuth(true)}.
 */
public class PlaintextAuthRefusedException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public PlaintextAuthRefusedException(String account, String host) {
    super("Refusing to send the access token of " + account + " to " + host + " without TLS; use STARTTLS or"
        + " implicit TLS (AUTH without TLS is allowed only to a loopback host, and only when explicitly allowed)",
        account, null, null);
  }
}
