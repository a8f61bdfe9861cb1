/**
 * mailtoken-server: {@code mailtoken serve}, an HTTP API and admin pages over the credential store
 * that keep every account's tokens fresh. Embed it with {@code dev.mailtoken.server}
 * ({@code MailtokenServer}, {@code ServerConfig}, {@code ConfigKey}, {@code ServerAdmin}); its
 * feature packages are the server's own and are not exported.
 */
// "module": the qualified exports name dev.mailtoken.cli, which is built after this module, so javac
// does not see it here. "requires-automatic": JTE, Micrometer and Flyway are automatic modules.
@SuppressWarnings({"module", "requires-automatic"})
module dev.mailtoken.server {
  // The constructor of MailtokenServer and ServerAdmin.open take core and store types.
  requires transitive dev.mailtoken.core;
  requires transitive dev.mailtoken.store;
  requires dev.mailtoken.micrometer;
  requires java.net.http;
  requires java.sql;
  requires io.javalin;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.util;
  requires gg.jte.runtime;
  // The generated templates carry @javax.annotation.processing.Generated (source retention).
  requires static java.compiler;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires micrometer.core;
  requires micrometer.registry.prometheus;
  // flyway-core declares no Automatic-Module-Name: this is the name derived from its file name.
  requires flyway.core;
  requires org.slf4j;
  // Not used by the server itself: its tests (patched into this module) run webhook receivers and
  // a fake account chooser on the JDK's HTTP server.
  requires static jdk.httpserver;

  // MailtokenServer's and ServerAdmin's accessors for the feature facades (accounts(), webhooks(),
  // apiTokens(), ...) return types of the packages below: they serve this module's tests and, through
  // the qualified exports, the CLI (@SuppressWarnings("exports") on each says so).
  exports dev.mailtoken.server;
  // The CLI's serve, api-tokens and admin-password commands create and list API tokens and set
  // the admin password through ServerAdmin; no one else needs these packages.
  exports dev.mailtoken.server.apitoken to dev.mailtoken.cli;
  exports dev.mailtoken.server.login to dev.mailtoken.cli;
  exports dev.mailtoken.server.web to dev.mailtoken.cli;

  // JSON request and response bodies (records) are read and written by Jackson.
  opens dev.mailtoken.server.account to com.fasterxml.jackson.databind;
  opens dev.mailtoken.server.apitoken to com.fasterxml.jackson.databind;
  opens dev.mailtoken.server.app to com.fasterxml.jackson.databind;
  opens dev.mailtoken.server.audit to com.fasterxml.jackson.databind;
  opens dev.mailtoken.server.connect to com.fasterxml.jackson.databind;
  opens dev.mailtoken.server.web to com.fasterxml.jackson.databind;
  opens dev.mailtoken.server.webhook to com.fasterxml.jackson.databind;
  // The JTE templates, compiled to Java at build time, are looked up and called by JTE by name.
  opens dev.mailtoken.server.web.templates to gg.jte.runtime;
  opens dev.mailtoken.server.web.templates.admin to gg.jte.runtime;
  opens dev.mailtoken.server.web.templates.connect to gg.jte.runtime;
  opens dev.mailtoken.server.web.templates.tag to gg.jte.runtime;
  // Flyway finds the server's SQL migrations (resources) through the class loader.
  opens db.server;
}
