package dev.mailtoken.mail;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;

/**
 * Creates {@link BearerSaslClient}s. The user comes from the callback handler's name; the
 * password is either a {@link SaslAttempt} handle registered in the properties (how mailtoken's
 * own transport works) or, for anyone wiring the mechanism up by hand, the bearer token itself.
 * Stateless and thread-safe.
 */
final class BearerSaslClientFactory implements SaslClientFactory {

  @Override
  public SaslClient createSaslClient(String[] mechanisms, String authorizationId, String protocol,
      String serverName, Map<String, ?> props, CallbackHandler cbh) throws SaslException {
    for (String m : mechanisms) {
      for (SaslMechanism ours : SaslMechanism.values()) {
        if (ours.saslName().equalsIgnoreCase(m)) {
          return create(ours, authorizationId, serverName, props, cbh);
        }
      }
    }
    return null;
  }

  private static SaslClient create(SaslMechanism mechanism, String authorizationId, String serverName,
      Map<String, ?> props, CallbackHandler cbh) throws SaslException {
    NameCallback name = new NameCallback("user");
    PasswordCallback password = new PasswordCallback("token", false);
    try {
      cbh.handle(new Callback[] {name, password});
    } catch (IOException | UnsupportedCallbackException e) {
      throw new SaslException("cannot obtain the user and token for " + mechanism.saslName(), e);
    }
    char[] pw = password.getPassword();
    password.clearPassword();
    String user = name.getName() != null ? name.getName() : authorizationId;
    if (user == null || pw == null) {
      throw new SaslException(mechanism.saslName() + " needs a user and a token");
    }
    String secret = new String(pw);
    Optional<SaslAttempt> attempt = SaslAttempts.in(props).flatMap(a -> a.find(secret));
    String port = props == null || !(props.get("mail.smtp.port") instanceof String)
        ? null : (String) props.get("mail.smtp.port");
    if (attempt.isPresent()) {
      attempt.get().mechanism(mechanism);
      return new BearerSaslClient(mechanism, user, attempt.get().token().value().reveal(), serverName, port,
          attempt.get());
    }
    return new BearerSaslClient(mechanism, user, secret, serverName, port, null);
  }

  @Override
  public String[] getMechanismNames(Map<String, ?> props) {
    return new String[] {SaslMechanism.XOAUTH2.saslName(), SaslMechanism.OAUTHBEARER.saslName()};
  }
}
