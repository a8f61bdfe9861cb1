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
import java.util.ArrayList;
import java.util.List;

/**
 * Two mailboxes (say support@ and billing@ of one Google Workspace domain) on one {@link Mailer}:
 * one token manager holds both accounts, the mailer keeps a connection pool per account, and each
 * message goes out as the account its From address names.
 *
 * <pre>
 * MAILTOKEN_CLIENT_ID=… MAILTOKEN_CLIENT_SECRET=… SUPPORT_RT=… BILLING_RT=… \
 *   java -cp … dev.mailtoken.examples.TwoAccountsOneMailer --account support@example.com=SUPPORT_RT \
 *     --account billing@example.com=BILLING_RT --to friend@example.org
 * </pre>
 *
 * Each {@code --account ADDRESS=VARIABLE} names the environment variable holding that mailbox's
 * refresh token.
 */
public final class TwoAccountsOneMailer {
  private TwoAccountsOneMailer() {
  }

  public static void main(String[] args) throws Exception {
    for (SendResult sent : run(ExampleArgs.parse(args, System.getenv()))) {
      System.out.println("sent as " + sent.account() + ": " + sent.messageId());
    }
  }

  static List<SendResult> run(ExampleArgs args) throws MailtokenException, MessagingException {
    OAuthProvider google = args.provider(OAuthProvider.google());
    App app = App.builder().provider(google).clientId(args.env("MAILTOKEN_CLIENT_ID"))
        .clientSecret(args.secret("MAILTOKEN_CLIENT_SECRET")).build();

    try (TokenManager tokens = TokenManager.builder().oauthClient(OAuthClient.builder().build()).build();
        Mailer mailer = Mailer.builder().tokenManager(tokens).transport(args.smtpServer(google)).build()) {
      List<String> addresses = new ArrayList<>();
      for (String pair : args.all("--account")) {
        int eq = pair.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--account takes ADDRESS=VARIABLE, got \"" + pair + "\"");
        }
        String address = pair.substring(0, eq);
        tokens.register(new Account(address, new RefreshTokenGrant(app, args.secret(pair.substring(eq + 1)))));
        addresses.add(address);
      }

      List<SendResult> results = new ArrayList<>();
      for (String from : addresses) {
        MimeMessage m = mailer.newMessage();
        m.setFrom(from);   // picks the account: each mailbox authenticates as itself
        m.setRecipients(Message.RecipientType.TO, args.required("--to"));
        m.setSubject("Hello from " + from);
        m.setText("One Mailer, one pool per account, one token per account.");
        results.add(mailer.send(m));
      }
      return results;
    }
  }
}
