package dev.mailtoken.micrometer;

import dev.mailtoken.mail.MailListener;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SendEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meters for a {@link Mailer}, fed by its {@link SendEvent}s: sends by outcome (and, for failures,
 * the exception's type) with their latency, and renewals after the server rejected a token.
 *
 * <pre>{@code
 * MailerMetrics metrics = MailerMetrics.builder()
 *     .labels(account -> new MeterLabels("google", "crm"))   // optional: provider and app tags
 *     .build();
 * metrics.bindTo(registry);
 * Mailer mailer = Mailer.builder().tokenManager(tokens).transport(smtp).listener(metrics).build();
 * }</pre>
 *
 * <p>Meter names and tags are in the module README. No tag holds an account address, a recipient
 * or a secret: accounts are tagged only by the {@link MeterLabels} the labeller gives (which refuse
 * an {@code @}), a failure only by its exception's class name, never its message. A labeller that
 * throws or returns {@code null} counts the account as {@link MeterLabels#UNKNOWN}. Events that
 * arrive before {@link #bindTo} are not counted.
 *
 * <p>Thread-safe; may be bound to several registries and listen to several mailers (they add up).
 * {@link #onEvent} is fast and never throws, as a {@link MailListener} must be.
 */
public final class MailerMetrics implements MeterBinder, MailListener {
  /** Counter: sends by {@code provider}, {@code app}, {@code transport}, {@code outcome} and {@code error}. */
  public static final String SENDS = "mailtoken.mail.sends";
  /** Timer with a histogram: how long sends took, by {@code provider}, {@code app}, {@code transport} and {@code outcome}. */
  public static final String SEND_DURATION = "mailtoken.mail.send.duration";
  /** Counter: tokens the server rejected that were renewed for one more try, by {@code provider}, {@code app}, {@code transport}. */
  public static final String RENEWALS = "mailtoken.mail.renewals";

  /** Values of the {@code outcome} tag. */
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  /** The {@code error} tag of a successful send. */
  public static final String NO_ERROR = "none";

  private static final List<String> RESERVED = List.of("provider", "app", "transport", "outcome", "error");
  private static final Logger LOG = LoggerFactory.getLogger(MailerMetrics.class);

  private final Function<String, MeterLabels> labeller;
  private final Tags commonTags;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  private MailerMetrics(Builder b) {
    this.labeller = b.labeller;
    this.commonTags = b.tags;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Counts the events from now on in {@code registry} too (meters appear with their first event). */
  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public void onEvent(SendEvent event) {
    if (event == null || registries.isEmpty()) {
      return;
    }
    try {
      Tags tags = commonTags.and(labelsOf(event.account())).and("transport", event.transport());
      if (event instanceof SendEvent.Sent sent) {
        send(tags, SUCCESS, NO_ERROR, sent.elapsed());
      } else if (event instanceof SendEvent.Failed failed) {
        send(tags, FAILURE, errorName(failed.error()), failed.elapsed());
      } else if (event instanceof SendEvent.TokenRejected) {
        for (MeterRegistry r : registries) {
          Counter.builder(RENEWALS).description("Tokens the mail server rejected, renewed for one more try")
              .tags(tags).register(r).increment();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("mailer metrics could not record {} for account={}: {}", event.getClass().getSimpleName(),
          event.account(), e.toString());
    }
  }

  private void send(Tags tags, String outcome, String error, Duration elapsed) {
    Tags withOutcome = tags.and("outcome", outcome);
    for (MeterRegistry r : registries) {
      Counter.builder(SENDS).description("Messages sent, by outcome and the failure's exception type")
          .tags(withOutcome).tag("error", error).register(r).increment();
      Timer.builder(SEND_DURATION).description("How long sends took, from the send call to the outcome")
          .tags(withOutcome)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(5))
          .maximumExpectedValue(Duration.ofMinutes(2))
          .register(r).record(elapsed);
    }
  }

  /** The exception's simple class name (never its message, which may name an address). */
  private static String errorName(Throwable error) {
    Class<?> type = error.getClass();
    while (type.getSimpleName().isEmpty()) {   // anonymous or hidden: its named superclass
      type = type.getSuperclass();
    }
    return type.getSimpleName();
  }

  private Tags labelsOf(String account) {
    return AccountTags.of(labeller, account, "mailer metrics");
  }

  @Override
  public String toString() {
    return "MailerMetrics[registries=" + registries.size() + "]";
  }

  /** Options of {@link MailerMetrics}; each may be set once ("... was already set"). */
  public static final class Builder {
    private Function<String, MeterLabels> labeller = account -> MeterLabels.UNKNOWN;
    private boolean labellerSet;
    private Tags tags = Tags.empty();
    private boolean tagsSet;

    private Builder() {
    }

    /**
     * How to tag an account's meters: its provider and app names (default
     * {@link MeterLabels#UNKNOWN} for all). Called on the sending thread for each event; keep it
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
     * {@code app}, {@code transport}, {@code outcome} or {@code error}.
     */
    public Builder tags(Iterable<Tag> tags) {
      Objects.requireNonNull(tags, "tags");
      if (tagsSet) {
        throw new IllegalStateException("tags was already set to " + this.tags);
      }
      this.tags = AccountTags.common(tags, RESERVED, "MailerMetrics");
      tagsSet = true;
      return this;
    }

    public MailerMetrics build() {
      return new MailerMetrics(this);
    }
  }
}
