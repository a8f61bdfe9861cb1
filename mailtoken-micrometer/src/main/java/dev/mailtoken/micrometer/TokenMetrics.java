package dev.mailtoken.micrometer;

import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.token.AccountStatus;
import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenListener;
import dev.mailtoken.token.TokenManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters for a {@link TokenManager}, fed by its {@link TokenEvent}s: token requests by outcome
 * and their latency, refresh-token rotations, grants found dead, and accounts by health.
 *
 * <pre>{@code
 * TokenMetrics metrics = TokenMetrics.builder()
 *     .labels(account -> new MeterLabels("google", "crm"))   // optional: provider and app tags
 *     .build();
 * metrics.bindTo(registry);                                   // before the first token request
 * TokenManager manager = TokenManager.builder().listener(metrics)...build();
 * metrics.watch(manager);                                     // for the accounts-by-health gauges
 * }</pre>
 *
 * <p>Meter names and tags are in the module README. No tag holds an account address or a secret:
 * accounts are tagged only by the {@link MeterLabels} the labeller gives (which refuse an
 * {@code @}), and a labeller that throws or refuses counts the account as
 * {@link MeterLabels#UNKNOWN}. Events that arrive before {@link #bindTo} are not counted.
 *
 * <p>Thread-safe; may be bound to several registries. {@link #onEvent} is fast and never throws,
 * as a {@link TokenListener} must be. The gauges read the watched manager's account states when
 * a registry reads them (one pass over its accounts per gauge).
 */
public final class TokenMetrics implements MeterBinder, TokenListener {
  /** Counter: token requests by {@code provider}, {@code app} and {@code outcome}. */
  public static final String REFRESHES = "mailtoken.token.refreshes";
  /** Timer with a histogram: how long token requests took, same tags as {@link #REFRESHES}. */
  public static final String REFRESH_DURATION = "mailtoken.token.refresh.duration";
  /** Counter: refresh tokens the provider rotated (and the manager saved), by {@code provider} and {@code app}. */
  public static final String ROTATIONS = "mailtoken.token.rotations";
  /** Counter: grants found dead ({@code invalid_grant}), by {@code provider} and {@code app}. */
  public static final String REAUTHORIZATIONS = "mailtoken.token.reauthorization.required";
  /** Gauge: registered accounts by {@code health}. */
  public static final String ACCOUNTS = "mailtoken.accounts";

  /** Values of the {@code outcome} tag. */
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String REAUTHORIZATION_REQUIRED = "reauthorization_required";

  private static final Logger LOG = LoggerFactory.getLogger(TokenMetrics.class);

  private final Function<String, MeterLabels> labeller;
  private final Tags commonTags;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final AtomicReference<TokenManager> watched = new AtomicReference<>();

  private TokenMetrics(Builder b) {
    this.labeller = b.labeller;
    this.commonTags = b.tags;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the accounts-by-health gauges on {@code registry}, and counts the events from now
   * on there too.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    for (AccountHealth health : AccountHealth.values()) {
      Gauge.builder(ACCOUNTS, this, m -> m.accountsWith(health))
          .description("Accounts registered with the token manager, by health")
          .tags(commonTags).tag("health", health.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
    registries.add(registry);
  }

  /**
   * The manager whose accounts the {@value #ACCOUNTS} gauges count (they read 0 until then).
   *
   * @throws IllegalStateException when a manager is already watched
   */
  public TokenMetrics watch(TokenManager manager) {
    Objects.requireNonNull(manager, "manager");
    if (!watched.compareAndSet(null, manager)) {
      throw new IllegalStateException("this TokenMetrics already watches a TokenManager; build one per manager");
    }
    return this;
  }

  @Override
  public void onEvent(TokenEvent event) {
    if (event == null || registries.isEmpty()) {
      return;
    }
    try {
      Tags tags = commonTags.and(labelsOf(event.account()));
      if (event instanceof TokenEvent.Issued) {
        request(tags, SUCCESS, event.elapsed());
      } else if (event instanceof TokenEvent.RefreshFailed) {
        request(tags, FAILURE, event.elapsed());
      } else if (event instanceof TokenEvent.ReauthorizationRequired) {
        request(tags, REAUTHORIZATION_REQUIRED, event.elapsed());
        count(REAUTHORIZATIONS, "Grants found dead (invalid_grant): a person must authorize again", tags);
      } else if (event instanceof TokenEvent.Rotated) {
        count(ROTATIONS, "Refresh tokens rotated by the provider and saved", tags);
      }
    } catch (RuntimeException e) {
      LOG.warn("token metrics could not record {} for account={}: {}", event.getClass().getSimpleName(),
          event.account(), e.toString());
    }
  }

  private void request(Tags tags, String outcome, Duration elapsed) {
    Tags withOutcome = tags.and("outcome", outcome);
    for (MeterRegistry r : registries) {
      Counter.builder(REFRESHES).description("Token requests (refresh, JWT, callback) by outcome")
          .tags(withOutcome).register(r).increment();
      Timer.builder(REFRESH_DURATION).description("How long token requests took, by outcome")
          .tags(withOutcome)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(5))
          .maximumExpectedValue(Duration.ofMinutes(2))
          .register(r).record(elapsed);
    }
  }

  private void count(String name, String description, Tags tags) {
    for (MeterRegistry r : registries) {
      Counter.builder(name).description(description).tags(tags).register(r).increment();
    }
  }

  private Tags labelsOf(String account) {
    return AccountTags.of(labeller, account, "token metrics");
  }

  private double accountsWith(AccountHealth health) {
    TokenManager m = watched.get();
    if (m == null) {
      return 0;
    }
    int n = 0;
    for (String account : m.accounts()) {
      Optional<AccountStatus> s = m.status(account);
      if (s.isPresent() && s.get().health() == health) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "TokenMetrics[registries=" + registries.size() + ", watching=" + (watched.get() != null) + "]";
  }

  /** Options of {@link TokenMetrics}; each may be set once ("... was already set"). */
  public static final class Builder {
    private Function<String, MeterLabels> labeller = account -> MeterLabels.UNKNOWN;
    private boolean labellerSet;
    private Tags tags = Tags.empty();
    private boolean tagsSet;

    private Builder() {
    }

    /**
     * How to tag an account's meters: its provider and app names (default
     * {@link MeterLabels#UNKNOWN} for all). Called on the listener thread for each event; keep it
     * fast (a map lookup). Return {@code null} or throw for accounts it does not know.
     */
    public Builder labels(Function<String, MeterLabels> labeller) {
      Objects.requireNonNull(labeller, "labeller");
      if (labellerSet) {
        throw new IllegalStateException("labels was already set");
      }
      this.labeller = labeller;
      labellerSet = true;
      return this;
    }

    /**
     * Tags added to every meter, e.g. {@code node=a}. Their keys must not be {@code provider},
     * {@code app}, {@code outcome} or {@code health}.
     */
    public Builder tags(Iterable<Tag> tags) {
      Objects.requireNonNull(tags, "tags");
      if (tagsSet) {
        throw new IllegalStateException("tags was already set to " + this.tags);
      }
      this.tags = AccountTags.common(tags, List.of("provider", "app", "outcome", "health"), "TokenMetrics");
      tagsSet = true;
      return this;
    }

    public TokenMetrics build() {
      return new TokenMetrics(this);
    }
  }
}
