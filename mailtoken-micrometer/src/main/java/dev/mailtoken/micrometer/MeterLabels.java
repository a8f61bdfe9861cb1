package dev.mailtoken.micrometer;

import java.util.Objects;

/**
 * The tag values that say which kind of account a meter counts: its provider and its app. They
 * are names from the configuration (e.g. {@code google}, {@code crm-prod}), never an account
 * address or a secret: the constructor refuses an {@code @}, control characters and anything
 * longer than {@value #MAX_LENGTH} characters, so a labeller that returns an address by mistake
 * fails instead of putting it in every scrape. Immutable.
 *
 * @param provider the provider's name, e.g. {@code google}, {@code microsoft}, {@code keycloak}
 * @param app the app's (OAuth client's) name in the configuration
 */
public record MeterLabels(String provider, String app) {
  /** The longest tag value accepted. */
  public static final int MAX_LENGTH = 64;

  /** For accounts the labeller does not know: {@code unknown} for both. */
  public static final MeterLabels UNKNOWN = new MeterLabels("unknown", "unknown");

  /**
   * @throws IllegalArgumentException for a blank value, one longer than {@value #MAX_LENGTH}, or
   *     one with {@code @} or a control character (an address or a secret is not a label)
   */
  public MeterLabels {
    check("provider", provider);
    check("app", app);
  }

  private static void check(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the " + name + " label must be 1 to " + MAX_LENGTH
          + " characters, got " + value.length());
    }
    if (value.indexOf('@') >= 0 || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the " + name + " label must be a configured name, not an address or"
          + " a secret (it has an @ or a control character)");
    }
  }
}
