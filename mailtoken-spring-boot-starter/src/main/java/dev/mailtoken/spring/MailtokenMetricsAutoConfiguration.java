package dev.mailtoken.spring;

import dev.mailtoken.mail.Mailer;
import dev.mailtoken.micrometer.MailerMetrics;
import dev.mailtoken.micrometer.MeterLabels;
import dev.mailtoken.micrometer.TokenMetrics;
import dev.mailtoken.token.TokenManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for mailtoken ({@code mailtoken-micrometer}), when Micrometer is on the class
 * path and the application has a {@link MeterRegistry} (Actuator's metrics): a {@link TokenMetrics}
 * that the auto-configured {@link TokenManager} reports to and that watches it for the
 * accounts-by-health gauges, and a {@link MailerMetrics} the auto-configured {@link Mailer} reports
 * to. Spring Boot binds both to every registry, as it does any {@code MeterBinder} bean. Accounts
 * are tagged by their provider's and app's names from the configuration, never by address; an
 * account the configuration did not name at startup (added to the store later) is tagged
 * {@code unknown}. Each bean backs off when the application defines its own of that type.
 */
@AutoConfiguration(after = MailtokenAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, TokenMetrics.class})
@ConditionalOnBean({MeterRegistry.class, MailtokenSetup.class})
public class MailtokenMetricsAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(MailtokenMetricsAutoConfiguration.class);

  /** The token manager's meters; a {@code TokenListener} bean, so the manager reports to it. */
  @Bean
  @ConditionalOnMissingBean
  TokenMetrics mailtokenTokenMetrics(MailtokenSetup setup) {
    return TokenMetrics.builder().labels(labeller(setup)).build();
  }

  /** The mailer's meters; a {@code MailListener} bean, so the mailer reports to it. */
  @Bean
  @ConditionalOnMissingBean
  MailerMetrics mailtokenMailerMetrics(MailtokenSetup setup) {
    return MailerMetrics.builder().labels(labeller(setup)).build();
  }

  /**
   * Once every bean exists: the token meters' gauges count the token manager's accounts (unless the
   * application's own {@link TokenMetrics} already watches a manager).
   */
  @Bean
  SmartInitializingSingleton mailtokenTokenMetricsWatch(TokenMetrics metrics, ObjectProvider<TokenManager> manager) {
    return () -> manager.ifUnique(m -> {
      try {
        metrics.watch(m);
      } catch (IllegalStateException alreadyWatching) {
        LOG.debug("mailtoken: the application's TokenMetrics already watches a token manager");
      }
    });
  }

  /** Each configured account's labels, checked once; names that are not valid labels count as unknown. */
  static Function<String, MeterLabels> labeller(MailtokenSetup setup) {
    Map<String, MeterLabels> labels = new HashMap<>();
    setup.labels().forEach((account, l) -> {
      try {
        labels.put(account, new MeterLabels(l.provider(), l.app()));
      } catch (IllegalArgumentException e) {
        LOG.warn("mailtoken: the meters tag account={} as unknown: {}", account, e.getMessage());
      }
    });
    Map<String, MeterLabels> byAccount = Map.copyOf(labels);
    return account -> byAccount.getOrDefault(account, MeterLabels.UNKNOWN);
  }
}
