package dev.mailtoken.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when mailtoken has something to work with: {@code mailtoken.store.url}, or any
 * {@code mailtoken.accounts} or {@code mailtoken.apps} property. An application that only has the
 * starter on its class path keeps Spring Boot's own mail sender.
 */
final class MailtokenConfiguredCondition extends SpringBootCondition {
  private static final ConfigurationPropertyName STORE_URL = ConfigurationPropertyName.of("mailtoken.store.url");
  private static final ConfigurationPropertyName ACCOUNTS = ConfigurationPropertyName.of("mailtoken.accounts");
  private static final ConfigurationPropertyName APPS = ConfigurationPropertyName.of("mailtoken.apps");

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
      if (source.getConfigurationProperty(STORE_URL) != null) {
        return ConditionOutcome.match("mailtoken.store.url is set");
      }
      if (source.containsDescendantOf(ACCOUNTS) == ConfigurationPropertyState.PRESENT
          || source.containsDescendantOf(APPS) == ConfigurationPropertyState.PRESENT) {
        return ConditionOutcome.match("mailtoken.accounts or mailtoken.apps is set");
      }
    }
    return ConditionOutcome.noMatch("neither mailtoken.store.url nor mailtoken.accounts nor mailtoken.apps is set");
  }
}
