package dev.mailtoken.spring;

import dev.mailtoken.token.TokenManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator health indicator {@code mailtoken} (Spring Boot 4's health API), when
 * {@code spring-boot-health} is on the class path and {@code management.health.mailtoken.enabled}
 * is not false: DOWN while an account needs reauthorization, naming it.
 */
@AutoConfiguration(after = MailtokenAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TokenManager.class)
@ConditionalOnEnabledHealthIndicator("mailtoken")
public class MailtokenHealthAutoConfiguration {

  /** Accounts by health; DOWN while any needs a person to authorize it again. */
  @Bean
  @ConditionalOnMissingBean(name = "mailtokenHealthIndicator")
  HealthIndicator mailtokenHealthIndicator(TokenManager manager,
      org.springframework.beans.factory.ObjectProvider<MailtokenSetup> setup) {
    MailtokenSetup s = setup.getIfAvailable();
    return new MailtokenHealthIndicator(manager, s == null ? java.util.Optional.empty() : s.store());
  }
}
