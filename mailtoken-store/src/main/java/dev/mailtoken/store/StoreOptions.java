package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.token.BackoffPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the store waits for things that other processes or the network control, and how it
 * backs off after failed refreshes. Immutable and thread-safe; build one with {@link #builder()} or
 * read it from the environment with {@link #fromEnvironment}.
 *
 * @param connectTimeout how long opening a PostgreSQL connection may take (TCP connect and login);
 *     an unreachable server fails with {@link StoreUnavailableException} after at most this long
 * @param lockWait how long a call waits for another process: for its refresh of the same account
 *     to finish ({@link RefreshInProgressException} after that) and for the database lock
 *     ({@link StoreUnavailableException})
 * @param backoff the delay before the next token request after consecutive failures (never less
 *     than the provider's {@code Retry-After}); stored per account, so every process honours it
 */
public record StoreOptions(Duration connectTimeout, Duration lockWait, BackoffPolicy backoff) {
  /** Environment variable for {@link #connectTimeout}, e.g. {@code 10s}. */
  public static final String CONNECT_TIMEOUT_VARIABLE = "MAILTOKEN_DB_CONNECT_TIMEOUT";
  /** Environment variable for {@link #lockWait}, e.g. {@code 30s}. */
  public static final String LOCK_WAIT_VARIABLE = "MAILTOKEN_LOCK_WAIT";

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  public StoreOptions {
    positive("connectTimeout", connectTimeout);
    positive("lockWait", lockWait);
    Objects.requireNonNull(backoff, "backoff");
  }

  /** Connect timeout 10 s, lock wait 30 s, {@link BackoffPolicy#defaults()}. */
  public static StoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults with {@code MAILTOKEN_DB_CONNECT_TIMEOUT} and {@code MAILTOKEN_LOCK_WAIT} applied
   * when set: {@code 500ms}, {@code 10s}, {@code 2m}, a number of seconds, or ISO-8601 {@code PT10S}.
   *
   * @throws ConfigurationException when a value is not a positive duration
   */
  public static StoreOptions fromEnvironment(Map<String, String> env) throws ConfigurationException {
    Builder b = builder();
    String connect = env.get(CONNECT_TIMEOUT_VARIABLE);
    if (connect != null && !connect.isBlank()) {
      b.connectTimeout(duration(CONNECT_TIMEOUT_VARIABLE, connect));
    }
    String wait = env.get(LOCK_WAIT_VARIABLE);
    if (wait != null && !wait.isBlank()) {
      b.lockWait(duration(LOCK_WAIT_VARIABLE, wait));
    }
    return b.build();
  }

  /** Parses an environment value as {@link #fromEnvironment} does; {@code name} is for the message. */
  public static Duration duration(String name, String value) throws ConfigurationException {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SHORT.matcher(v);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        d = unit.equals("ms") ? Duration.ofMillis(n) : unit.equals("s") ? Duration.ofSeconds(n)
            : unit.equals("m") ? Duration.ofMinutes(n) : Duration.ofHours(n);
      } else {
        d = Duration.parse(value.trim());
      }
    } catch (RuntimeException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigurationException(name + "=" + value + " is not a positive duration: write for example 500ms,"
          + " 10s, 2m or PT10S", null, null, null);
    }
    return d;
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** Builds {@link StoreOptions}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private final Set<String> set = new HashSet<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration lockWait = DEFAULT_LOCK_WAIT;
    private BackoffPolicy backoff = BackoffPolicy.defaults();

    private Builder() {
    }

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " was already set on this StoreOptions builder");
      }
    }

    /** See {@link StoreOptions#connectTimeout()}; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      once("connectTimeout");
      positive("connectTimeout", connectTimeout);
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** See {@link StoreOptions#lockWait()}; default 30 s. */
    public Builder lockWait(Duration lockWait) {
      once("lockWait");
      positive("lockWait", lockWait);
      this.lockWait = lockWait;
      return this;
    }

    /** See {@link StoreOptions#backoff()}; default {@link BackoffPolicy#defaults()}. */
    public Builder backoff(BackoffPolicy backoff) {
      once("backoff");
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    public StoreOptions build() {
      return new StoreOptions(connectTimeout, lockWait, backoff);
    }
  }
}
