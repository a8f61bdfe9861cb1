/**
 * mailtoken-mail: sending mail over SMTP with XOAUTH2/OAUTHBEARER and over the Gmail and Graph
 * HTTP APIs.
 */
// PLACEHOLDER until the module-info of branch modlib is merged (take modlib's on conflict): it
// exports what mail exported as an automatic module, so the modules above can require it.
@SuppressWarnings("module")
module dev.mailtoken.mail {
  requires transitive dev.mailtoken.core;
  requires transitive jakarta.mail;
  requires java.security.sasl;
  requires org.eclipse.angus.mail;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.mailtoken.mail;

  // StreamProviderLookup finds Jakarta Mail's StreamProvider once, through a ServiceLoader.
  uses jakarta.mail.util.StreamProvider;
}
