package dev.mailtoken.examples;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.mail.GraphApi;
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
import java.net.URI;

/**
 * Microsoft 365 through Microsoft Graph ({@code POST /me/sendMail}): for a mailbox whose SMTP AUTH
 * is disabled, as it is by default in new tenants. The refresh token was granted for
 * {@code https://graph.microsoft.com/Mail.Send} (plus {@code offline_access}); Microsoft rotates
 * refresh tokens, so a real program saves the rotated one ({@code refreshTokenStore}, see the
 * top-level README) — this example only prints that it happened.
 *
 * <pre>
 * MAILTOKEN_CLIENT_ID=… MAILTOKEN_CLIENT_SECRET=… MAILTOKEN_REFRESH_TOKEN=… \
 *   java -cp … dev.mailtoken.examples.GraphSend --tenant contoso.onmicrosoft.com \
 *     --from noreply@contoso.com --to friend@example.org
 * </pre>
 *
 * {@code --graph-base URL} sends to another Graph address (the tests' emulator).
 */
public final class GraphSend {
  static final String MAIL_SEND = "https://graph.microsoft.com/Mail.Send";

  private GraphSend() {
  }

  public static void main(String[] args) throws Exception {
    SendResult sent = run(ExampleArgs.parse(args, System.getenv()));
    System.out.println("sent as " + sent.account() + " over " + sent.transport() + ": " + sent.messageId());
  }

  static SendResult run(ExampleArgs args) throws MailtokenException, MessagingException {
    String from = args.required("--from");
    OAuthProvider microsoft = args.provider(OAuthProvider.microsoft(args.required("--tenant")));
    App app = App.builder()
        .provider(microsoft)
        .clientId(args.env("MAILTOKEN_CLIENT_ID"))
        .clientSecret(args.secret("MAILTOKEN_CLIENT_SECRET"))
        .scopes(MAIL_SEND, "offline_access")
        .build();
    GraphApi graph = args.option("--graph-base").map(base -> GraphApi.builder().baseUri(URI.create(base)).build())
        .orElse(GraphApi.microsoft());

    try (TokenManager tokens = TokenManager.builder()
        .oauthClient(OAuthClient.builder().build())
        .refreshTokenStore((account, rotated) -> System.err.println("rotated refresh token of " + account
            + ": save it where MAILTOKEN_REFRESH_TOKEN came from"))
        .build()) {
      tokens.register(new Account(from, new RefreshTokenGrant(app, args.secret("MAILTOKEN_REFRESH_TOKEN"))));
      try (Mailer mailer = Mailer.builder().tokenManager(tokens).transport(graph).build()) {
        MimeMessage m = mailer.newMessage();
        m.setFrom(from);
        m.setRecipients(Message.RecipientType.TO, args.required("--to"));
        m.setSubject("Hello through Microsoft Graph");
        m.setText("Sent with Graph sendMail, no SMTP AUTH needed.");
        return mailer.send(m);
      }
    }
  }
}
