package dev.mailtoken.mail;

import dev.mailtoken.ConfigurationException;
import java.util.List;

/**
 * The SMTP server does not offer the SASL mechanism the client is set to use (or, with the
 * mechanism chosen from EHLO, neither XOAUTH2 nor OAUTHBEARER), so no token was sent.
 * {@link #offered()} lists what its {@code AUTH} capability names. Not transient.
 */
public class MechanismNotOfferedException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final List<String> offered;

  /**
   * @param wanted what the client would use, e.g. "XOAUTH2" or "XOAUTH2 or OAUTHBEARER"
   * @param offered the mechanisms of the server's {@code AUTH} capability (empty when it has none)
   */
  public MechanismNotOfferedException(String account, String server, String wanted, List<String> offered) {
    super("SMTP server " + server + " does not offer " + wanted + " (its AUTH capability: " + (offered.isEmpty()
        ? "none" : String.join(" ", offered)) + "); nothing was sent. " + hint(wanted, offered), account, null, null);
    this.offered = List.copyOf(offered);
  }

  /** The mechanisms the server's {@code AUTH} capability names. */
  public List<String> offered() {
    return offered;
  }

  private static String hint(String wanted, List<String> offered) {
    for (SaslMechanism m : SaslMechanism.values()) {
      if (!wanted.equals(m.saslName()) && offered.stream().anyMatch(o -> o.equalsIgnoreCase(m.saslName()))) {
        return "Use " + m.saslName() + ", or let the mechanism follow what the server offers";
      }
    }
    return "The server accepts no OAuth2 bearer token over SMTP: check the host and port, or send through an HTTP"
        + " API if the provider has one";
  }
}
