package dev.mailtoken.mail;

import dev.mailtoken.token.TokenSource;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.util.Objects;
import java.util.Properties;

/**
 * Jakarta Mail {@link Session}s for code that keeps using {@code Transport.send}: the session's
 * SMTP transport authenticates with XOAUTH2/OAUTHBEARER using a token from a
 * {@link TokenSource}, renews it once when the server rejects it, and never sends it without TLS.
 *
 * <pre>{@code
 * Session session = MailSessions.create("me@example.com", SmtpServer.forProvider(OAuthProvider.google()),
 *     tokenManager.source("me@example.com"));
 * MimeMessage m = new MimeMessage(session);
 * ... Transport.send(m);
 * }</pre>
 *
 * <p>The session opens a new connection per {@code Transport.send}, like any Jakarta Mail session;
 * use a {@link Mailer} for pooling. Failures are {@code MessagingException}s whose cause is the
 * typed {@link dev.mailtoken.MailtokenException}. Thread-safe (a session may be shared).
 */
public final class MailSessions {
  private MailSessions() {
  }

  /**
   * A session for the account named by {@code mail.smtp.user} in {@code extra}. {@code extra} may
   * add or override Jakarta Mail properties ({@code mail.debug} is allowed: mailtoken leaves
   * {@code mail.debug.auth} off, so the AUTH exchange is not traced).
   *
   * @throws IllegalArgumentException when {@code extra} has no {@code mail.smtp.user}
   */
  public static Session create(Properties extra, SmtpServer server, TokenSource tokens) {
    Objects.requireNonNull(extra, "extra");
    if (extra.getProperty("mail.smtp.user") == null) {
      throw new IllegalArgumentException("extra needs mail.smtp.user: the account the token belongs to");
    }
    return session(server, Credentials.of(tokens), extra);
  }

  /** A session that authenticates as {@code account}. */
  public static Session create(String account, SmtpServer server, TokenSource tokens) {
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.user", Objects.requireNonNull(account, "account"));
    return create(extra, server, tokens);
  }

  static Session session(SmtpServer server, Credentials credentials, Properties extra) {
    Objects.requireNonNull(server, "server");
    OAuthSaslProvider.install();
    Properties p = server.sessionProperties();
    p.putAll(extra);
    if (p.get("mail.smtp.socketFactory") instanceof PipeliningSocketFactory f && f.holdsWrites()
        && (p.get("mail.smtp.writetimeout") != null || p.getProperty("mail.smtp.writetimeout") != null)) {
      // Angus times writes by wrapping the socket's output: a write held for the next read would escape it.
      p.put("mail.smtp.socketFactory", f.withoutHeldWrites());
    }
    p.put("mail.debug.auth", "false");
    p.put(Credentials.PROPERTY, credentials);
    p.put(TokenSmtpTransport.SERVER_PROPERTY, server);
    p.put(SaslAttempts.PROPERTY, new SaslAttempts());
    Session session = Session.getInstance(p);
    // mail.smtp.class only selects among known providers: make ours known, then the default.
    Provider ours = new Provider(Provider.Type.TRANSPORT, "smtp", TokenSmtpTransport.class.getName(), "dev.mailtoken",
        "1");
    session.addProvider(ours);
    try {
      session.setProvider(ours);
    } catch (NoSuchProviderException e) {
      throw new IllegalStateException("cannot install mailtoken's SMTP transport", e);
    }
    return session;
  }
}
