/**
 * mailtoken-core: the OAuth2 protocol ({@code dev.mailtoken.oauth}) and the access-token
 * lifecycle ({@code dev.mailtoken.token}).
 */
// "module": the qualified exports below name mailtoken's modules built after this one (mail, store,
// server, cli); javac does not see them while compiling core and would warn once per name.
@SuppressWarnings("module")
module dev.mailtoken.core {
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.mailtoken;
  exports dev.mailtoken.oauth;
  exports dev.mailtoken.token;
  // Shared internals, for mailtoken's own modules only: ServerText (text from servers, made safe
  // to print), DaemonThreads (its executors' thread factories) and the HTTP toolkit for
  // credential-carrying requests.
  exports dev.mailtoken.internal to dev.mailtoken.mail, dev.mailtoken.store, dev.mailtoken.cli,
      dev.mailtoken.server;
  exports dev.mailtoken.internal.http to dev.mailtoken.mail, dev.mailtoken.cli, dev.mailtoken.server;
}
