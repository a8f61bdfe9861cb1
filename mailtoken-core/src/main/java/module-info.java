/**
 * mailtoken-core: the OAuth2 protocol ({@code dev.mailtoken.oauth}) and the access-token
 * lifecycle ({@code dev.mailtoken.token}).
 */
// "module": the qualified export below names modules that do not exist yet (mail, store, cli and
// server get their module-info later); javac would warn once per name.
@SuppressWarnings("module")
module dev.mailtoken.core {
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.mailtoken;
  exports dev.mailtoken.oauth;
  exports dev.mailtoken.token;
  // The HTTP toolkit for credential-carrying requests, for mailtoken's own modules only.
  exports dev.mailtoken.internal.http to dev.mailtoken.mail, dev.mailtoken.store, dev.mailtoken.cli,
      dev.mailtoken.server;
}
