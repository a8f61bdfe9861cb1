package dev.mailtoken.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenEvent;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The binder's options and edges, fed the manager's own event records. */
class TokenMetricsOptionsTest {
  private static final Instant AT = Instant.parse("2031-03-07T10:15:30.123Z");
  private static final String ADDRESS = "alice@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static TokenEvent.Issued issued(Duration took) {
    AccessToken token = new AccessToken(Secret.of("ya29.options-test-token"), Optional.of(AT.plusSeconds(3600)),
        java.util.Set.of("https://mail.google.com/"));
    return new TokenEvent.Issued(ADDRESS, AT, token, took);
  }

  @Test
  void givenAnIssuedEventThatTook1234ms_whenRecorded_thenTheTimerHoldsExactlyThatSpan() {
    TokenMetrics metrics = TokenMetrics.builder().build();
    metrics.bindTo(registry);

    metrics.onEvent(issued(Duration.ofMillis(1234)));

    Timer t = registry.get(TokenMetrics.REFRESH_DURATION).tag("outcome", "success").timer();
    assertThat(t.count()).isEqualTo(1);
    assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1234);
    assertThat(t.getId().getTags()).contains(Tag.of("provider", "unknown"), Tag.of("app", "unknown"));
  }

  @Test
  void givenALabellerThatReturnsTheAddress_whenAnEventIsRecorded_thenItIsCountedAsUnknownAndNoTagHasTheAddress() {
    TokenMetrics metrics = TokenMetrics.builder().labels(account -> new MeterLabels("google", account)).build();
    metrics.bindTo(registry);

    metrics.onEvent(issued(Duration.ofMillis(10)));

    assertThat(registry.get(TokenMetrics.REFRESHES).tag("app", "unknown").counter().count()).isEqualTo(1);
    assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
        .noneMatch(tag -> tag.getValue().contains("@")));
    assertThat(logs.text()).contains("counted as unknown");
  }

  @Test
  void givenALabellerThatFails_whenAnEventIsRecorded_thenTheListenerDoesNotThrowAndCountsItAsUnknown() {
    TokenMetrics metrics = TokenMetrics.builder().labels(account -> {
      throw new IllegalStateException("lookup failed");
    }).build();
    metrics.bindTo(registry);

    metrics.onEvent(new TokenEvent.RefreshFailed(ADDRESS, AT, new TransientException("503", ADDRESS, null, null, null),
        AT.plusSeconds(5), Duration.ofMillis(40)));

    assertThat(registry.get(TokenMetrics.REFRESHES).tag("outcome", "failure").tag("provider", "unknown")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void givenNoRegistryYet_whenAnEventArrives_thenNothingIsCountedAndBindingLaterStartsAtZero() {
    TokenMetrics metrics = TokenMetrics.builder().build();
    metrics.onEvent(issued(Duration.ofMillis(10)));

    metrics.bindTo(registry);

    assertThat(registry.find(TokenMetrics.REFRESHES).counters()).isEmpty();
    assertThat(registry.get(TokenMetrics.ACCOUNTS).tag("health", "healthy").gauge().value()).isZero();
  }

  @Test
  void givenOptionsSetTwiceOrAReservedTagKey_whenBuilding_thenTheBuilderRefusesWithASentence() {
    TokenMetrics.Builder b = TokenMetrics.builder().labels(a -> MeterLabels.UNKNOWN).tags(Tags.of("node", "a"));

    assertThatThrownBy(() -> b.labels(a -> MeterLabels.UNKNOWN)).hasMessage("labels was already set");
    assertThatThrownBy(() -> b.tags(Tags.of("node", "b"))).hasMessageContaining("tags was already set");
    assertThatThrownBy(() -> TokenMetrics.builder().tags(Tags.of("outcome", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[outcome]");
  }

  @Test
  void givenLabelValuesThatLookLikeAnAddressOrAreTooLong_whenCreated_thenTheyAreRefused() {
    assertThatThrownBy(() -> new MeterLabels("google", "bob@example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an address");
    assertThatThrownBy(() -> new MeterLabels("x".repeat(65), "crm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64");
    assertThatThrownBy(() -> new MeterLabels("google", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenAManagerAlreadyWatched_whenWatchingAnother_thenRefused() {
    TokenMetrics metrics = TokenMetrics.builder().build();
    try (EmulatedAccounts env = new EmulatedAccounts(EmulatorMode.GOOGLE, metrics)) {
      metrics.watch(env.manager);
      assertThatThrownBy(() -> metrics.watch(env.manager)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already watches");
    }
  }

  @Test
  void givenAPrometheusRegistry_whenScraped_thenTheNamesAreTheOnesTheReadmeDocuments() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TokenMetrics metrics = TokenMetrics.builder().labels(a -> new MeterLabels("google", "crm")).build();
    metrics.bindTo(prometheus);

    metrics.onEvent(issued(Duration.ofMillis(120)));
    metrics.onEvent(new TokenEvent.Rotated(ADDRESS, AT, "0123abcd"));
    metrics.onEvent(new TokenEvent.ReauthorizationRequired(ADDRESS, AT,
        new dev.mailtoken.ReauthorizationRequiredException("dead", ADDRESS, null, null), Duration.ofMillis(80)));

    String text = prometheus.scrape();
    assertThat(text)
        .contains("mailtoken_token_refreshes_total{app=\"crm\",outcome=\"success\",provider=\"google\"} 1")
        .contains("mailtoken_token_refreshes_total{app=\"crm\",outcome=\"reauthorization_required\",provider=\"google\"} 1")
        .contains("mailtoken_token_refresh_duration_seconds_bucket{app=\"crm\",outcome=\"success\",provider=\"google\",le=")
        .contains("mailtoken_token_refresh_duration_seconds_count{app=\"crm\",outcome=\"success\",provider=\"google\"} 1")
        .contains("mailtoken_token_rotations_total{app=\"crm\",provider=\"google\"} 1")
        .contains("mailtoken_token_reauthorization_required_total{app=\"crm\",provider=\"google\"} 1")
        .contains("mailtoken_accounts{health=\"healthy\"} 0")
        .doesNotContain(ADDRESS);
  }
}
