package dev.mailtoken.cli;

import dev.mailtoken.mail.AuthenticationRejectedException;
import dev.mailtoken.mail.BearerErrorChallenge;
import dev.mailtoken.mail.MailSessions;
import dev.mailtoken.mail.SaslMechanism;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.mail.TokenSmtpTransport;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@code mailtoken doctor --smtp}: connects to the app's SMTP server and authenticates as the
 * account (XOAUTH2, the token renewed once if refused, exactly as {@code send} does), then quits.
 * No MAIL FROM, nothing is sent. Each outcome becomes a {@link Finding} that names the server's
 * reply and what to do: Gmail's {@code 535 5.7.8} with its JSON scope, Exchange's {@code 535 5.7.3}
 * (audience/scope/SMTP.Send), {@code 5.7.139} (SMTP AUTH disabled).
 *
 * <p>Tokens come from a {@link TokenManager} whose accounts are loaded from the store, so a refresh
 * is coordinated with other processes. Not thread-safe; close it to close that manager.
 */
final class SmtpAuthCheck implements AutoCloseable {
  private final TokenManager tokens;
  private final Clock clock;
  private final Optional<SSLContext> trust;

  SmtpAuthCheck(CredentialStore store, OAuthClient client, Clock clock, Optional<SSLContext> trust) {
    this.tokens = TokenManager.builder().oauthClient(client).clock(clock).accountLoader(store.accountLoader(client))
        .build();
    this.clock = clock;
    this.trust = trust;
  }

  /** Authenticates once as {@code account} at {@code app}'s SMTP server; never throws. */
  Finding check(StoredApp app, StoredAccount account) {
    String topic = account.address();
    if (app.smtpHost().isEmpty()) {
      return Finding.warning(topic, "SMTP check skipped: app " + app.name() + " has no SMTP server", "",
          "add the app again with --smtp-host HOST --smtp-port PORT to check it");
    }
    SmtpServer server = StoreBackedSender.smtpServer(app, trust);
    String where = server.host() + ":" + server.port();
    Session session = MailSessions.create(topic, server, tokens.source(topic));
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(server.host(), server.port(), topic, null);
      String mechanism = transport instanceof TokenSmtpTransport t ? t.authenticatedMechanism()
          .or(server::mechanism).map(SaslMechanism::saslName).orElse("") : "";
      return Finding.ok(topic, "SMTP AUTH " + mechanism + " accepted by " + where + " (nothing sent)");
    } catch (MessagingException e) {
      return explain(app, account, where, e);
    }
  }

  private Finding explain(StoredApp app, StoredAccount account, String where, MessagingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof AuthenticationRejectedException) {
      return rejected(app, account, where, (AuthenticationRejectedException) cause);
    }
    if (cause instanceof MailtokenException) {
      MailtokenException m = (MailtokenException) cause;
      // 5.7.139 and token failures read the same here as after a refresh.
      return Diagnoses.failureText(app, account, m.getMessage(), clock.instant())
          .orElseGet(() -> Diagnoses.refreshFailure(app, account, m, clock.instant()));
    }
    return Finding.problem(account.address(), "cannot talk to the SMTP server " + where + ": " + e.getMessage(),
        "a firewall or the network blocks outgoing SMTP submission (ports 587/465), the host or port is wrong,"
            + " or the server's TLS certificate is not trusted",
        "check the app's SMTP server (mailtoken apps list), or send over HTTPS with --transport gmail-api|graph");
  }

  private static Finding rejected(StoredApp app, StoredAccount account, String where,
      AuthenticationRejectedException e) {
    // Gmail's reply has two lines (535-… / 535 …): one line reads better in a finding.
    String reply = String.valueOf(e.serverReply()).strip().replaceAll("\\s*\\R\\s*", " / ");
    String topic = account.address();
    if (reply.contains("5.7.3") || app.kind() == ProviderKind.MICROSOFT) {
      return Finding.problem(topic, "Exchange Online refused the token at " + where + ": " + reply,
          "535 5.7.3 says only \"unsuccessful\"; the usual causes: the token's audience is not"
              + " https://outlook.office.com (e.g. a Graph token with Mail.Send), it lacks SMTP.Send, it was issued"
              + " for another user, or (app-only) the service principal has no permission on the mailbox",
          "ask for https://outlook.office.com/SMTP.Send offline_access (mailtoken apps add ... --scope"
              + " https://outlook.office.com/SMTP.Send --scope offline_access) and authorize again; to send with"
              + " a Graph Mail.Send token use --transport graph; app-only: New-ServicePrincipal and"
              + " Add-MailboxPermission in Exchange Online PowerShell");
    }
    String json = e.challenge().map(SmtpAuthCheck::json).orElse("no JSON challenge");
    boolean sendOnly = !account.grantedScopes().contains(Diagnoses.GMAIL_FULL)
        && account.grantedScopes().stream().anyMatch(s -> s.endsWith("gmail.send"));
    return Finding.problem(topic, "Gmail's SMTP server refused the token at " + where + ": " + reply + " (" + json
        + ")",
        (sendOnly ? "the token has gmail.send but not " + Diagnoses.GMAIL_FULL + ": " : "")
            + "Gmail's SMTP accepts XOAUTH2 only with the scope " + Diagnoses.GMAIL_FULL + " (the JSON's scope);"
            + " gmail.send works only with the Gmail API. Otherwise the token belongs to another user than "
            + topic,
        "send with --transport gmail-api, or ask for " + Diagnoses.GMAIL_FULL + " (mailtoken apps add ... --scope "
            + Diagnoses.GMAIL_FULL + ") and authorize again");
  }

  private static String json(BearerErrorChallenge c) {
    return "JSON status " + c.status() + ", scope " + c.scope();
  }

  @Override
  public void close() {
    tokens.close();
  }
}
