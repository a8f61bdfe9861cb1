package dev.mailtoken.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.mail.SendEvent;
import dev.mailtoken.mail.SendingLimitException;
import dev.mailtoken.testsupport.LogCapture;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The binder's options and edges, fed the mailer's own event records. */
class MailerMetricsOptionsTest {
  private static final Instant AT = Instant.parse("2031-06-02T08:01:02.345Z");
  private static final String ADDRESS = "alice@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static SendEvent.Sent sent(Duration took) {
    return new SendEvent.Sent(ADDRESS, "smtp", AT, took);
  }

  @Test
  void givenASendThatTook1234ms_whenRecorded_thenTheTimerHoldsExactlyThatSpanUnderUnknownLabels() {
    MailerMetrics metrics = MailerMetrics.builder().build();
    metrics.bindTo(registry);

    metrics.onEvent(sent(Duration.ofMillis(1234)));

    Timer t = registry.get(MailerMetrics.SEND_DURATION).tag("outcome", "success").timer();
    assertThat(t.count()).isEqualTo(1);
    assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1234);
    assertThat(t.getId().getTags()).contains(Tag.of("provider", "unknown"), Tag.of("app", "unknown"));
  }

  @Test
  void givenALabellerThatReturnsTheAddress_whenASendIsRecorded_thenItIsCountedAsUnknownAndNoTagHasTheAddress() {
    MailerMetrics metrics = MailerMetrics.builder().labels(account -> new MeterLabels("google", account)).build();
    metrics.bindTo(registry);

    metrics.onEvent(sent(Duration.ofMillis(10)));

    assertThat(registry.get(MailerMetrics.SENDS).tag("app", "unknown").counter().count()).isEqualTo(1);
    assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
        .noneMatch(tag -> tag.getValue().contains("@")));
    assertThat(logs.text()).contains("counted as unknown");
  }

  @Test
  void givenALabellerThatFails_whenARenewalIsRecorded_thenTheListenerDoesNotThrowAndCountsItAsUnknown() {
    MailerMetrics metrics = MailerMetrics.builder().labels(account -> {
      throw new IllegalStateException("lookup failed");
    }).build();
    metrics.bindTo(registry);

    metrics.onEvent(new SendEvent.TokenRejected(ADDRESS, "graph", AT));

    assertThat(registry.get(MailerMetrics.RENEWALS).tag("provider", "unknown").tag("transport", "graph")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void givenAFailureWhoseMessageNamesTheAddress_whenRecorded_thenTheErrorTagIsTheTypeOnly() {
    MailerMetrics metrics = MailerMetrics.builder().build();
    metrics.bindTo(registry);
    MailtokenException anonymous = new MailtokenException("custom transport failed for " + ADDRESS) { };

    metrics.onEvent(new SendEvent.Failed(ADDRESS, "smtp", AT, Duration.ofMillis(5), anonymous));

    assertThat(registry.get(MailerMetrics.SENDS).tag("outcome", "failure").counter().getId().getTag("error"))
        .isEqualTo("MailtokenException");
    assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
        .noneMatch(tag -> tag.getValue().contains("@")));
  }

  @Test
  void givenNoRegistryYet_whenAnEventArrives_thenNothingIsCountedAndBindingLaterStartsEmpty() {
    MailerMetrics metrics = MailerMetrics.builder().build();
    metrics.onEvent(sent(Duration.ofMillis(10)));

    metrics.bindTo(registry);

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void givenTwoRegistries_whenASendIsRecorded_thenBothCountIt() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    MailerMetrics metrics = MailerMetrics.builder().tags(Tags.of("node", "a")).build();
    metrics.bindTo(registry);
    metrics.bindTo(other);

    metrics.onEvent(sent(Duration.ofMillis(10)));

    assertThat(registry.get(MailerMetrics.SENDS).tag("node", "a").counter().count()).isEqualTo(1);
    assertThat(other.get(MailerMetrics.SENDS).tag("node", "a").counter().count()).isEqualTo(1);
  }

  @Test
  void givenOptionsSetTwiceOrAReservedTagKey_whenBuilding_thenTheBuilderRefusesWithASentence() {
    MailerMetrics.Builder b = MailerMetrics.builder().labels(a -> MeterLabels.UNKNOWN).tags(Tags.of("node", "a"));

    assertThatThrownBy(() -> b.labels(a -> MeterLabels.UNKNOWN)).hasMessage("labels was already set");
    assertThatThrownBy(() -> b.tags(Tags.of("node", "b"))).hasMessageContaining("tags was already set");
    assertThatThrownBy(() -> MailerMetrics.builder().tags(Tags.of("transport", "x", "error", "y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[error, transport]");
  }

  @Test
  void givenAPrometheusRegistry_whenScraped_thenTheNamesAreTheOnesTheReadmeDocuments() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MailerMetrics metrics = MailerMetrics.builder().labels(a -> new MeterLabels("google", "crm")).build();
    metrics.bindTo(prometheus);

    metrics.onEvent(new SendEvent.TokenRejected(ADDRESS, "smtp", AT));
    metrics.onEvent(sent(Duration.ofMillis(120)));
    metrics.onEvent(new SendEvent.Failed(ADDRESS, "smtp", AT, Duration.ofMillis(80),
        new SendingLimitException(ADDRESS, "550 5.4.5 Daily user sending limit exceeded")));

    String text = prometheus.scrape();
    assertThat(text)
        .contains("mailtoken_mail_sends_total{app=\"crm\",error=\"none\",outcome=\"success\",provider=\"google\","
            + "transport=\"smtp\"} 1")
        .contains("mailtoken_mail_sends_total{app=\"crm\",error=\"SendingLimitException\",outcome=\"failure\","
            + "provider=\"google\",transport=\"smtp\"} 1")
        .contains("mailtoken_mail_send_duration_seconds_bucket{app=\"crm\",outcome=\"success\",provider=\"google\","
            + "transport=\"smtp\",le=")
        .contains("mailtoken_mail_send_duration_seconds_count{app=\"crm\",outcome=\"failure\",provider=\"google\","
            + "transport=\"smtp\"} 1")
        .contains("mailtoken_mail_renewals_total{app=\"crm\",provider=\"google\",transport=\"smtp\"} 1")
        .doesNotContain(ADDRESS);
  }
}
