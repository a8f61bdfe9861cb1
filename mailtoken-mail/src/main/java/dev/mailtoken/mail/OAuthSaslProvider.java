package dev.mailtoken.mail;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;

/**
 * A {@link java.security.Provider} that registers {@code SaslClientFactory.XOAUTH2} and
 * {@code SaslClientFactory.OAUTHBEARER}, so that {@code javax.security.sasl.Sasl} (and with it
 * Angus Mail's {@code mail.smtp.sasl.enable}) can use them.
 *
 * <p>{@link #install()} adds it to the JVM's provider list once: that list is JVM-wide by
 * nature, and the SASL API offers no other way in. The services override
 * {@link Provider.Service#newInstance} so no reflection is involved. Thread-safe.
 */
final class OAuthSaslProvider extends Provider {
  static final String NAME = "mailtoken-oauth-sasl";
  private static final long serialVersionUID = 1L;
  private static final Object INSTALL_LOCK = new Object();

  private OAuthSaslProvider() {
    super(NAME, "1.0", "mailtoken SASL XOAUTH2 and OAUTHBEARER (RFC 7628) clients");
    for (SaslMechanism m : SaslMechanism.values()) {
      putService(new FactoryService(this, m.saslName()));
    }
  }

  /** Adds the provider unless it is already installed. Idempotent and thread-safe. */
  static void install() {
    synchronized (INSTALL_LOCK) {
      if (Security.getProvider(NAME) == null) {
        Security.addProvider(new OAuthSaslProvider());
      }
    }
  }

  private static final class FactoryService extends Provider.Service {
    FactoryService(Provider provider, String mechanism) {
      super(provider, "SaslClientFactory", mechanism, BearerSaslClientFactory.class.getName(), List.of(), Map.of());
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      return new BearerSaslClientFactory();
    }
  }
}
