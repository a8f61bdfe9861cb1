package dev.mailtoken.spring;

import dev.mailtoken.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The process environment as Spring holds it: only the {@code systemEnvironment} property source,
 * never application properties, so a secret named by {@code *-env} can come only from a real
 * environment variable (a test replaces that property source). Immutable and thread-safe.
 */
final class EnvironmentVariables {
  private final Map<String, String> variables;

  private EnvironmentVariables(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  static EnvironmentVariables of(ConfigurableEnvironment environment) {
    PropertySource<?> source = environment.getPropertySources()
        .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    Map<String, String> copy = new HashMap<>();
    if (source != null && source.getSource() instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (k instanceof String name && v != null) {
          copy.put(name, v.toString());
        }
      });
    }
    return new EnvironmentVariables(copy);
  }

  /** Every variable, for the store's key lookup ({@code MAILTOKEN_SECRET}, {@code MAILTOKEN_SECRET_FILE}, {@code MAILTOKEN_HOME}). */
  Map<String, String> asMap() {
    return variables;
  }

  Optional<String> value(String name) {
    String v = variables.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * The secret in variable {@code name}, which {@code property} names.
   *
   * @param what what the secret is, for the message ("the refresh token of alice@example.com")
   * @throws IllegalStateException when the variable is not set or blank
   */
  Secret secret(String name, String property, String what) {
    return value(name).map(Secret::of).orElseThrow(() -> new IllegalStateException("mailtoken: environment variable "
        + name + " (named by " + property + ") is not set: export " + what + " in it before starting the application"));
  }
}
