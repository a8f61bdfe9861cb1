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
import dev.mailtoken.mail.Envelope;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.AccountLoader;
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
 * Used by {@code send} and {@code sendmail}. Closes both when done; one instance per command.
 *
 * <p>The stored access token is used while it has {@link TokenCommand#MIN_REMAINING} left, the
 * minimum {@code token} uses: the store alone would hand out only tokens with
 * {@link CredentialStore#REUSE_MARGIN} left (a long-running manager's need), so with 5-minute
 * tokens every send refreshed, and with a rotating provider rotated the refresh token.
 */
final class StoreBackedSender implements AutoCloseable {
  /** The transports {@code --transport} accepts. */
  enum Kind { SMTP, GMAIL_API, GRAPH }

  private final CredentialStore store;
  private final AccountLoader loader;
  private final TokenManager tokens;
  private final Mailer mailer;

  StoreBackedSender(CredentialStore store, OAuthClient client, Clock clock, MailTransport transport) {
    this(store, client, clock, transport, Optional.empty());
  }

  /** @param httpTrust the CAs the Gmail API and Graph are trusted by, when not the JVM's */
  StoreBackedSender(CredentialStore store, OAuthClient client, Clock clock, MailTransport transport,
      Optional<SSLContext> httpTrust) {
    this.store = store;
    this.loader = store.accountLoader(client);
    this.tokens = TokenManager.builder().oauthClient(client).clock(clock).accountLoader(loader).build();
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

  /**
   * The app's SMTP server with the app's stored choices ({@code apps add/update --smtp-security,
   * --sasl}; without them: implicit TLS on port 465, else STARTTLS, the mechanism from EHLO),
   * trusting {@code trust} when given and the server uses TLS.
   */
  static SmtpServer smtpServer(StoredApp app, Optional<SSLContext> trust) {
    return SmtpChoices.server(baseServer(app), SmtpChoices.storedSecurity(app), SmtpChoices.storedMechanism(app),
        trust);
  }

  /** The app's SMTP server as its provider preset and host/port make it, without any choice applied. */
  static SmtpServer baseServer(StoredApp app) {
    OAuthProvider provider = app.toApp().provider();
    if (provider.smtpHost().isEmpty()) {
      throw new CliException(ExitCode.CONFIGURATION, "app " + app.name() + " has no SMTP server",
          "add the app again with --smtp-host HOST --smtp-port PORT, or use --transport gmail-api|graph");
    }
    return SmtpServer.forProvider(provider);
  }

  /** A new message on the mailer's session. */
  MimeMessage newMessage() {
    return mailer.newMessage();
  }

  SendResult send(MimeMessage message, String account) throws MailtokenException, MessagingException {
    message.saveChanges();
    reuseStoredToken(account);
    return mailer.send(message, account);
  }

  /** Sends message bytes as they are (the raw path) to the envelope's recipients, as {@code account}. */
  SendResult send(Envelope envelope, byte[] message, String account) throws MailtokenException {
    reuseStoredToken(account);
    return mailer.send(envelope, message, account);
  }

  /**
   * Seeds the token manager with the stored token when it has at least {@link TokenCommand#MIN_REMAINING}
   * left; otherwise the manager asks the store, which refreshes (once across processes). A seeded
   * token the server rejects is renewed as any other.
   */
  private void reuseStoredToken(String account) throws MailtokenException {
    if (tokens.accounts().contains(account)) {
      return;
    }
    Optional<AccessToken> stored = store.cachedAccessToken(account, TokenCommand.MIN_REMAINING);
    if (stored.isPresent()) {
      Optional<Account> loaded = loader.load(account);
      if (loaded.isPresent()) {
        tokens.register(loaded.get(), stored.get());
      }
    }
  }

  @Override
  public void close() {
    mailer.close();
    tokens.close();
  }
}
