/**
 * mailtoken-core: the OAuth2 protocol ({@code dev.mailtoken.oauth}) and the access-token
 * lifecycle ({@code dev.mailtoken.token}).
 */
module dev.mailtoken.core {
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.mailtoken;
  exports dev.mailtoken.oauth;
  exports dev.mailtoken.token;
}
