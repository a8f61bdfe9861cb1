package dev.mailtoken.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testsupport.LogCapture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TokenMetrics} on a real TokenManager refreshing against the provider emulator over loopback.
 * The manager publishes an event after the caller got its token (on the HTTP client's thread, which
 * finishes the request), so assertions on what the events counted wait for them ({@link #counted}).
 */
class TokenMetricsTest {
  private static final MeterLabels CRM = new MeterLabels("google", "crm");

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TokenMetrics metrics = TokenMetrics.builder().labels(account -> CRM).build();
  private EmulatedAccounts env;

  private EmulatedAccounts start(EmulatorMode mode) {
    metrics.bindTo(registry);
    env = new EmulatedAccounts(mode, metrics);
    metrics.watch(env.manager);
    logs.forbid(EmulatedAccounts.CLIENT_SECRET).forbidAll(env.emulator::issuedSecrets);
    return env;
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private double refreshes(String outcome) {
    return registry.find(TokenMetrics.REFRESHES).tag("outcome", outcome).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private long timed(String outcome) {
    return registry.find(TokenMetrics.REFRESH_DURATION).tag("outcome", outcome).timers().stream()
        .mapToLong(Timer::count).sum();
  }

  /** Waits (at most 10 s) until the events of the calls made so far have been counted. */
  private static void counted(ThrowingRunnable assertion) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion);
  }

  private double accounts(String health) {
    return registry.get(TokenMetrics.ACCOUNTS).tag("health", health).gauge().value();
  }

  @Test
  void givenThreeAccountsRefreshedTwice_whenCounted_thenSuccessesAndTimingsMatchTheEmulatorsTokenRequests()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    for (String a : List.of("alice@example.com", "bob@example.com", "carol@example.com")) {
      env.add(a);
      env.manager.token(a);
    }
    env.clock.advance(Duration.ofHours(2));
    for (String a : env.addresses) {
      env.manager.token(a);
    }

    long requests = env.emulator.requestCount(Endpoint.TOKEN);
    assertThat(requests).isEqualTo(6);
    counted(() -> assertThat(refreshes(TokenMetrics.SUCCESS)).isEqualTo(requests));
    assertThat(timed(TokenMetrics.SUCCESS)).isEqualTo(requests);
    assertThat(registry.get(TokenMetrics.REFRESHES).tag("outcome", "success").tag("provider", "google")
        .tag("app", "crm").counter().count()).isEqualTo(6);
  }

  @Test
  void givenTheProviderFailsOnceWith503_whenAsked_thenOneFailureAndNoSuccessAreCounted() {
    start(EmulatorMode.GOOGLE);
    env.add("alice@example.com");
    env.emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));

    assertThatThrownBy(() -> env.manager.token("alice@example.com")).isInstanceOf(TransientException.class);

    counted(() -> assertThat(refreshes(TokenMetrics.FAILURE)).isEqualTo(1));
    assertThat(timed(TokenMetrics.FAILURE)).isEqualTo(1);
    assertThat(refreshes(TokenMetrics.SUCCESS)).isZero();
    assertThat(accounts("refresh_failing")).isEqualTo(1);
  }

  @Test
  void givenADeadGrant_whenAsked_thenReauthorizationIsCountedOnceAndTheAccountShowsInThatHealth() throws Exception {
    start(EmulatorMode.GOOGLE);
    env.add("alice@example.com");
    env.add("bob@example.com");
    env.manager.token("bob@example.com");
    env.emulator.faults().next(Endpoint.TOKEN, Fault.oauthError(400, "invalid_grant", "Token has been revoked."));

    assertThatThrownBy(() -> env.manager.token("alice@example.com"))
        .isInstanceOf(ReauthorizationRequiredException.class);
    assertThatThrownBy(() -> env.manager.token("alice@example.com"))
        .isInstanceOf(ReauthorizationRequiredException.class);

    counted(() -> assertThat(refreshes(TokenMetrics.REAUTHORIZATION_REQUIRED)).isEqualTo(1));
    assertThat(registry.get(TokenMetrics.REAUTHORIZATIONS).counter().count()).isEqualTo(1);
    assertThat(env.emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
    assertThat(accounts("reauthorization_required")).isEqualTo(1);
    assertThat(accounts("healthy")).isEqualTo(1);
  }

  @Test
  void givenAProviderThatRotates_whenRefreshedThreeTimes_thenThreeRotationsAreCounted() throws Exception {
    start(EmulatorMode.MICROSOFT);
    env.add("alice@example.com");
    for (int i = 0; i < 3; i++) {
      env.manager.token("alice@example.com");
      env.clock.advance(Duration.ofHours(2));
    }

    counted(() -> assertThat(refreshes(TokenMetrics.SUCCESS)).isEqualTo(3));
    assertThat(registry.get(TokenMetrics.ROTATIONS).counter().count()).isEqualTo(3);
    assertThat(env.emulator.requestCount(Endpoint.TOKEN)).isEqualTo(3);
  }

  @Test
  void givenAccountsRegisteredAndOneRemoved_whenTheGaugesAreRead_thenTheyCountTheRegisteredOnesByHealth() {
    start(EmulatorMode.GOOGLE);
    env.add("alice@example.com");
    env.add("bob@example.com");
    env.add("carol@example.com");
    env.manager.remove("carol@example.com");

    assertThat(accounts("healthy")).isEqualTo(2);
    assertThat(accounts("refresh_failing")).isZero();
    assertThat(accounts("reauthorization_required")).isZero();
    assertThat(accounts("revoked")).isZero();
  }

  @Test
  void givenEveryOutcome_whenTheMetersAreListed_thenNoTagValueHoldsAnIssuedSecretOrAnAddress() throws Exception {
    start(EmulatorMode.MICROSOFT);
    env.add("alice@example.com");
    env.add("bob@example.com");
    env.manager.token("alice@example.com");
    env.clock.advance(Duration.ofHours(2));
    env.manager.token("alice@example.com");
    env.emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"))
        .next(Endpoint.TOKEN, Fault.oauthError(400, "invalid_grant", "revoked"));
    assertThatThrownBy(() -> env.manager.token("bob@example.com")).isInstanceOf(TransientException.class);
    env.clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(() -> env.manager.token("bob@example.com")).isInstanceOf(ReauthorizationRequiredException.class);
    counted(() -> assertThat(refreshes(TokenMetrics.REAUTHORIZATION_REQUIRED)).isEqualTo(1));

    List<String> values = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      m.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
    }
    List<String> forbidden = new ArrayList<>(env.emulator.issuedSecrets());
    forbidden.addAll(env.addresses);
    forbidden.add(EmulatedAccounts.CLIENT_SECRET);
    assertThat(forbidden).hasSizeGreaterThan(env.addresses.size() + 1);
    assertThat(values).isNotEmpty().allSatisfy(v -> {
      assertThat(v).doesNotContain("@");
      forbidden.forEach(f -> assertThat(v).doesNotContain(f));
    });
    assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).distinct())
        .contains(TokenMetrics.REFRESHES, TokenMetrics.REFRESH_DURATION, TokenMetrics.ROTATIONS,
            TokenMetrics.REAUTHORIZATIONS, TokenMetrics.ACCOUNTS);
  }
}
