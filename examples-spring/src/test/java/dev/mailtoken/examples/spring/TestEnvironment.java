package dev.mailtoken.examples.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Gives the application a process environment of the test's choosing: the {@code systemEnvironment}
 * property source, where the starter reads the variables that {@code *-env} properties name, is
 * replaced by the real environment plus these variables. Nothing JVM-wide changes.
 */
final class TestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  private final Map<String, String> variables;

  TestEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    Map<String, Object> env = new HashMap<>(System.getenv());
    env.putAll(variables);
    sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
  }
}
