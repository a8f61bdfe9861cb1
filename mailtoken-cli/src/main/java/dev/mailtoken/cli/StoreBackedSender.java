package dev.mailtoken.cli;

import dev.mailtoken.mail.GmailApi;
import dev.mailtoken.mail.GraphApi;
import dev.mailtoken.mail.MailTransport;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.MailerBuilder;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Sends one message as a stored account: a {@link TokenManager} whose accounts come from the store
 * (so refreshes are coordinated with other processes), a {@link Mailer} on the chosen transport.
 * Used by {@code send} and {@code demo}. Closes both when done; one instance per command.
 */
final class StoreBackedSender implements AutoCloseable {
  /** The transports {@code --transport} accepts. */
  enum Kind { SMTP, GMAIL_API, GRAPH }

  private final TokenManager tokens;
  private final Mailer mailer;

  StoreBackedSender(CredentialStore store, OAuthClient client, Clock clock, MailTransport transport) {
    this(store, client, clock, transport, Optional.empty());
  }

  /** @param httpTrust the CAs the Gmail API and Graph are trusted by, when not the JVM's */
  StoreBackedSender(CredentialStore store, OAuthClient client, Clock clock, MailTransport transport,
      Optional<SSLContext> httpTrust) {
    this.tokens = TokenManager.builder().oauthClient(client).clock(clock).accountLoader(store.accountLoader(client))
        .build();
    MailerBuilder b = Mailer.builder().tokenManager(tokens).transport(transport).clock(clock);
    httpTrust.ifPresent(b::httpSslContext);
    this.mailer = b.build();
  }

  /** The transport for an app: its SMTP server (trusting {@code trust} when given), or an HTTP API. */
  static MailTransport transport(StoredApp app, Kind kind, Optional<SSLContext> trust, Optional<URI> apiBase) {
    switch (kind) {
      case GMAIL_API:
        return apiBase.map(b -> GmailApi.builder().baseUri(b).build()).orElse(GmailApi.google());
      case GRAPH:
        return apiBase.map(b -> GraphApi.builder().baseUri(b).build()).orElse(GraphApi.microsoft());
      default:
        return smtpServer(app, trust);
    }
  }

  /** The app's SMTP server (port 465: implicit TLS, else STARTTLS), trusting {@code trust} when given. */
  static SmtpServer smtpServer(StoredApp app, Optional<SSLContext> trust) {
    OAuthProvider provider = app.toApp().provider();
    if (provider.smtpHost().isEmpty()) {
      throw new CliException(ExitCode.CONFIGURATION, "app " + app.name() + " has no SMTP server",
          "add the app again with --smtp-host HOST --smtp-port PORT, or use --transport gmail-api|graph");
    }
    SmtpServer server = SmtpServer.forProvider(provider);
    return trust.map(t -> server.toBuilder().sslContext(t).build()).orElse(server);
  }

  /** A new message on the mailer's session. */
  MimeMessage newMessage() {
    return mailer.newMessage();
  }

  SendResult send(MimeMessage message, String account) throws MailtokenException, MessagingException {
    message.saveChanges();
    return mailer.send(message, account);
  }

  @Override
  public void close() {
    mailer.close();
    tokens.close();
  }
}
