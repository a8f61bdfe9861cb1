package dev.mailtoken.examples;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.mail.GmailApi;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.ServiceAccountKey;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.ServiceAccountGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A Google Workspace service account with domain-wide delegation: no refresh token and no consent
 * screen. The key file signs a JWT that asks for a token acting as the mailbox ({@code sub}); a
 * Workspace admin must have delegated the scope to the service account's client id
 * (docs/google.md). Sent through the Gmail API, which needs only the narrow {@code gmail.send}
 * scope.
 *
 * <pre>
 * java -cp … dev.mailtoken.examples.GoogleServiceAccount --key-file sa-key.json \
 *   --mailbox alice@example.com --to friend@example.org
 * </pre>
 *
 * {@code --api-base URL} sends to another Gmail API address (the tests' emulator); the token
 * endpoint is the key file's {@code token_uri}.
 */
public final class GoogleServiceAccount {
  static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";

  private GoogleServiceAccount() {
  }

  public static void main(String[] args) throws Exception {
    SendResult sent = run(ExampleArgs.parse(args, System.getenv()));
    System.out.println("sent as " + sent.account() + " over " + sent.transport() + ": " + sent.messageId());
  }

  static SendResult run(ExampleArgs args) throws MailtokenException, MessagingException, IOException {
    String mailbox = args.required("--mailbox");
    ServiceAccountKey key = ServiceAccountKey.fromJson(Path.of(args.required("--key-file")));
    GmailApi gmail = args.option("--api-base").map(base -> GmailApi.builder().baseUri(URI.create(base)).build())
        .orElse(GmailApi.google());

    try (TokenManager tokens = TokenManager.builder().oauthClient(OAuthClient.builder().build()).build()) {
      tokens.register(new Account(mailbox, ServiceAccountGrant.delegated(key, mailbox, List.of(GMAIL_SEND))));
      try (Mailer mailer = Mailer.builder().tokenManager(tokens).transport(gmail).build()) {
        MimeMessage m = mailer.newMessage();
        m.setFrom(mailbox);
        m.setRecipients(Message.RecipientType.TO, args.required("--to"));
        m.setSubject("Sent by a service account");
        m.setText("Domain-wide delegation: the service account acts as " + mailbox + ".");
        return mailer.send(m);
      }
    }
  }
}
