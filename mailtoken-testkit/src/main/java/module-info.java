/**
 * mailtoken-testkit: an offline OAuth2 provider emulator (Google-like, Microsoft-like and generic
 * RFC servers on loopback) with fault injection, for testing code that sends mail with OAuth2.
 */
module dev.mailtoken.testkit {
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  // Not used by the emulator itself: its tests (patched into this module) are java.net.http clients.
  requires static java.net.http;

  exports dev.mailtoken.testkit;
}
