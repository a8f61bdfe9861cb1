package dev.mailtoken.spring;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Refuses a secret written as a {@code mailtoken.*} property (a refresh or access token, a client
 * secret, the store key): configuration files get committed, copied and printed. Checked in every
 * property source Spring knows, in any relaxed spelling ({@code refreshToken}, {@code refresh_token},
 * {@code MAILTOKEN_ACCOUNTS_0_REFRESHTOKEN}). The message names the property and where it was set,
 * never its value. Stateless.
 */
final class InlineSecrets {
  /** Names in Spring's uniform form (lower case, no dashes). */
  private static final Pattern FORBIDDEN = Pattern.compile(
      "mailtoken\\.(accounts\\[\\d+]\\.(refreshtoken|accesstoken)|apps\\.[^.]+\\.clientsecret|store\\.(key|secret))");

  private InlineSecrets() {
  }

  /** @throws IllegalStateException naming the first secret property found and its origin */
  static void refuse(Environment environment) {
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source instanceof IterableConfigurationPropertySource iterable) {
        iterable.stream().filter(InlineSecrets::forbidden).findFirst().ifPresent(name -> {
          throw new IllegalStateException(message(name, source.getConfigurationProperty(name)));
        });
      }
    }
  }

  private static boolean forbidden(ConfigurationPropertyName name) {
    return FORBIDDEN.matcher(name.toString().replace("-", "").toLowerCase(Locale.ROOT)).matches();
  }

  private static String message(ConfigurationPropertyName name, ConfigurationProperty property) {
    String where = property != null && property.getOrigin() != null ? " (set in " + property.getOrigin() + ")" : "";
    String n = name.toString();
    String parent = n.substring(0, n.lastIndexOf('.'));
    String fix;
    if (n.startsWith("mailtoken.accounts")) {
      fix = "put the token in an environment variable and name the variable with " + parent + ".refresh-token-env";
    } else if (n.startsWith("mailtoken.apps")) {
      fix = "put the secret in an environment variable and name the variable with " + parent + ".client-secret-env";
    } else {
      fix = "give the store key in the environment variable MAILTOKEN_SECRET, or a key file in MAILTOKEN_SECRET_FILE";
    }
    return "mailtoken: " + n + where + " holds a secret in the configuration, which mailtoken refuses (configuration"
        + " files get committed, copied and printed): remove it, " + fix;
  }
}
