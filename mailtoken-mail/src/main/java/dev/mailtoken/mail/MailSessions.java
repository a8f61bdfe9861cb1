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
   * A session for the account named by {@code mail.smtp.user} in {@code extra}, else the one
   * {@code tokens} serves ({@link TokenSource#account()}: a {@code TokenManager}'s sources know it).
   * {@code extra} may add or override Jakarta Mail properties ({@code mail.debug} is allowed:
   * mailtoken leaves {@code mail.debug.auth} off, so the AUTH exchange is not traced).
   *
   * @throws IllegalArgumentException when neither names the account, or they name different ones
   */
  public static Session create(Properties extra, SmtpServer server, TokenSource tokens) {
    Objects.requireNonNull(extra, "extra");
    Objects.requireNonNull(tokens, "tokens");
    String user = extra.getProperty("mail.smtp.user");
    String served = tokens.account().orElse(null);
    if (user == null && served == null) {
      throw new IllegalArgumentException("no account to authenticate as: this token source does not name one and"
          + " extra has no mail.smtp.user; use MailSessions.create(account, extra, server, tokens)");
    }
    if (user != null && served != null && !user.equalsIgnoreCase(served)) {
      throw new IllegalArgumentException("mail.smtp.user is " + user + " but the token source serves " + served
          + ": a token must be presented for the account it was issued to");
    }
    return create(user != null ? user : served, extra, server, tokens);
  }

  /**
   * A session that authenticates as {@code account}, with the Jakarta Mail properties of
   * {@code extra} (its {@code mail.smtp.user}, if any, is replaced by {@code account}).
   */
  public static Session create(String account, Properties extra, SmtpServer server, TokenSource tokens) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(extra, "extra");
    Objects.requireNonNull(tokens, "tokens");
    Properties p = new Properties();
    p.putAll(extra);
    p.setProperty("mail.smtp.user", account);
    return session(server, TokenAccess.of(tokens), p);
  }

  /** A session that authenticates as {@code account}. */
  public static Session create(String account, SmtpServer server, TokenSource tokens) {
    return create(account, new Properties(), server, tokens);
  }

  static Session session(SmtpServer server, TokenAccess tokens, Properties extra) {
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
    p.put(TokenAccess.PROPERTY, tokens);
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
