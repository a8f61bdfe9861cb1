package dev.mailtoken.examples.readme;

import dev.mailtoken.micrometer.MeterLabels;
import dev.mailtoken.micrometer.TokenMetrics;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.token.TokenManager;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Java block of mailtoken-micrometer/README.md, compiled with what it uses declared around it
 * (ReadmeSnippetsTest keeps it identical to the README). The module's own tests run these calls.
 */
final class MicrometerReadmeSnippets {
  private MicrometerReadmeSnippets() {
  }

  static TokenManager bind(MeterRegistry registry, OAuthClient client) {
    // snippet: mailtoken-micrometer/README.md
    TokenMetrics metrics = TokenMetrics.builder()
        .labels(account -> new MeterLabels("google", "crm"))   // optional: the account's provider and app
        .build();
    metrics.bindTo(registry);                                   // before the first token request
    TokenManager manager = TokenManager.builder().oauthClient(client).listener(metrics).build();
    metrics.watch(manager);                                     // for the accounts-by-health gauges
    // end snippet
    return manager;
  }
}
