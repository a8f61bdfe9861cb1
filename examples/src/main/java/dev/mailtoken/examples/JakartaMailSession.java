package dev.mailtoken.examples;

import dev.mailtoken.mail.MailSessions;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Plain Jakarta Mail: code that already builds {@link MimeMessage}s and calls
 * {@link Transport#send} keeps doing so. {@link MailSessions#create} gives it a {@link Session}
 * whose transport authenticates with the account's current access token (XOAUTH2) and renews a
 * rejected one once.
 *
 * <pre>
 * MAILTOKEN_CLIENT_ID=… MAILTOKEN_CLIENT_SECRET=… MAILTOKEN_REFRESH_TOKEN=… \
 *   java -cp … dev.mailtoken.examples.JakartaMailSession --from you@gmail.com --to friend@example.com
 * </pre>
 */
public final class JakartaMailSession {
  private JakartaMailSession() {
  }

  public static void main(String[] args) throws Exception {
    String messageId = run(ExampleArgs.parse(args, System.getenv()));
    System.out.println("sent " + messageId);
  }

  static String run(ExampleArgs args) throws MessagingException {
    String from = args.required("--from");
    OAuthProvider google = args.provider(OAuthProvider.google());
    App app = App.builder().provider(google).clientId(args.env("MAILTOKEN_CLIENT_ID"))
        .clientSecret(args.secret("MAILTOKEN_CLIENT_SECRET")).build();

    try (TokenManager tokens = TokenManager.builder().oauthClient(OAuthClient.builder().build()).build()) {
      tokens.register(new Account(from, new RefreshTokenGrant(app, args.secret("MAILTOKEN_REFRESH_TOKEN"))));

      Session session = MailSessions.create(from, args.smtpServer(google), tokens.source(from));
      MimeMessage m = new MimeMessage(session);
      m.setFrom(from);
      m.setRecipients(Message.RecipientType.TO, args.required("--to"));
      m.setSubject("Hello from Jakarta Mail");
      m.setText("Transport.send, with an OAuth2 token instead of a password.");
      Transport.send(m);
      return m.getMessageID();
    }
  }
}
