package dev.mailtoken.examples;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Plain Java: a Gmail account's refresh token, a {@link TokenManager} that keeps its access token
 * fresh, and a {@link Mailer} that sends over SMTP (smtp.gmail.com:587, STARTTLS, XOAUTH2).
 *
 * <pre>
 * MAILTOKEN_CLIENT_ID=… MAILTOKEN_CLIENT_SECRET=… MAILTOKEN_REFRESH_TOKEN=… \
 *   java -cp … dev.mailtoken.examples.PlainJavaSend --from you@gmail.com --to friend@example.com
 * </pre>
 */
public final class PlainJavaSend {
  private PlainJavaSend() {
  }

  public static void main(String[] args) throws Exception {
    SendResult sent = run(ExampleArgs.parse(args, System.getenv()));
    System.out.println("sent as " + sent.account() + " over " + sent.transport() + ": " + sent.messageId());
  }

  static SendResult run(ExampleArgs args) throws MailtokenException, MessagingException {
    String from = args.required("--from");
    OAuthProvider google = args.provider(OAuthProvider.google());
    App app = App.builder()
        .provider(google)
        .clientId(args.env("MAILTOKEN_CLIENT_ID"))
        .clientSecret(args.secret("MAILTOKEN_CLIENT_SECRET"))
        .build();   // scopes: the provider's mail scope, https://mail.google.com/

    // One TokenManager per process; it refreshes before expiry and shares one refresh between callers.
    try (TokenManager tokens = TokenManager.builder().oauthClient(OAuthClient.builder().build()).build()) {
      tokens.register(new Account(from, new RefreshTokenGrant(app, args.secret("MAILTOKEN_REFRESH_TOKEN"))));

      try (Mailer mailer = Mailer.builder()
          .tokenManager(tokens)
          .transport(args.smtpServer(google))   // SmtpServer.forProvider(google) unless --smtp-host
          .build()) {
        MimeMessage m = mailer.newMessage();
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, args.required("--to"));
        m.setSubject(args.option("--subject").orElse("Hello from mailtoken"));
        m.setText("Sent with an OAuth2 access token that mailtoken refreshed.");
        return mailer.send(m);   // as the From address; a rejected token is renewed once and the send retried
      }
    }
  }
}
