package dev.mailtoken.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Gives an application context a process environment of the test's choosing: the
 * {@code systemEnvironment} property source (where mailtoken reads refresh tokens, client secrets
 * and the store key) is replaced by the real environment plus these variables. Nothing JVM-wide
 * changes.
 */
class SystemEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  private final Map<String, String> variables;

  SystemEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    Map<String, Object> env = new HashMap<>(System.getenv());
    env.putAll(variables);
    SystemEnvironmentPropertySource replaced = new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env);
    if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
      sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, replaced);
    } else {
      sources.addLast(replaced);
    }
  }
}
