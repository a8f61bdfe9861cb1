/**
 * mailtoken-mail: sending mail as an OAuth2 account ({@code dev.mailtoken.mail}): SMTP with SASL
 * XOAUTH2/OAUTHBEARER on Jakarta Mail (Eclipse Angus Mail) with renew-and-retry and pooling, and
 * the Gmail API and Microsoft Graph transports, all fed by mailtoken-core's {@code TokenManager}.
 */
module dev.mailtoken.mail {
  // The API speaks in core's types (TokenManager, Account, MailtokenException) and in Jakarta
  // Mail's (MimeMessage, Session); TokenSmtpTransport extends Angus Mail's SMTPTransport.
  requires transitive dev.mailtoken.core;
  requires transitive jakarta.mail;
  requires transitive org.eclipse.angus.mail;
  requires java.security.sasl;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  // StreamProviderLookup finds Jakarta Mail's stream provider once, not on every send.
  uses jakarta.mail.util.StreamProvider;

  // Jakarta Mail instantiates TokenSmtpTransport by reflection (MailSessions registers it as the
  // session's smtp provider): the package must be exported, as it is to every module.
  exports dev.mailtoken.mail;
}
