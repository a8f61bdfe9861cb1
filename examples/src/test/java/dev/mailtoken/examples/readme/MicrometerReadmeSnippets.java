package dev.mailtoken.examples.readme;

import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.micrometer.MailerMetrics;
import dev.mailtoken.micrometer.MeterLabels;
import dev.mailtoken.micrometer.TokenMetrics;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.token.TokenManager;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Java block of mailtoken-micrometer/README.md (TokenMetrics and MailerMetrics), compiled with what it uses declared around it
 * (ReadmeSnippetsTest keeps it identical to the README). The module's own tests run these calls.
 */
final class MicrometerReadmeSnippets {
  private MicrometerReadmeSnippets() {
  }

  static Mailer bind(MeterRegistry registry, OAuthClient client, SmtpServer smtp) {
    // snippet: mailtoken-micrometer/README.md
    TokenMetrics metrics = TokenMetrics.builder()
        .labels(account -> new MeterLabels("google", "crm"))   // optional: the account's provider and app
        .build();
    metrics.bindTo(registry);                                   // before the first token request
    TokenManager manager = TokenManager.builder().oauthClient(client).listener(metrics).build();
    metrics.watch(manager);                                     // for the accounts-by-health gauges

    MailerMetrics sends = MailerMetrics.builder()
        .labels(account -> new MeterLabels("google", "crm"))   // the same labeller fits
        .build();
    sends.bindTo(registry);
    Mailer mailer = Mailer.builder().tokenManager(manager).transport(smtp).listener(sends).build();
    // end snippet
    return mailer;
  }
}
