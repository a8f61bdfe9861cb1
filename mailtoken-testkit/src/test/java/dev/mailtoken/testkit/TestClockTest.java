package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestClockTest {
  @Test
  void givenClock_whenAdvancedAndSet_thenReadsMovedTime() {
    TestClock clock = TestClock.at(Emulators.START);

    clock.advance(Duration.ofSeconds(90));
    assertThat(clock.instant()).isEqualTo(Emulators.START.plusSeconds(90));

    clock.set(Instant.EPOCH);
    assertThat(clock.millis()).isZero();
  }

  @Test
  void givenClock_whenAdvancedBackwards_thenRejected() {
    assertThatThrownBy(() -> TestClock.at(Emulators.START).advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenBuilder_whenOptionSetTwiceOrModeMissing_thenFailsLoudly() {
    assertThatThrownBy(() -> ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).mode(EmulatorMode.GENERIC))
        .hasMessageContaining("mode was already set");
    assertThatThrownBy(() -> ProviderEmulator.builder().build()).hasMessageContaining("mode is required");
    assertThatThrownBy(() -> ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).build().tokenEndpoint())
        .hasMessageContaining("start()");
  }
}
