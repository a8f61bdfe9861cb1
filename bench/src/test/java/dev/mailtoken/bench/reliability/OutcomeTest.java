package dev.mailtoken.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table's outcomes change only when behaviour does: what varies between runs is replaced. */
class OutcomeTest {
  @Test
  void givenAnErrorLineWithPortInstantPidAndTimes_whenShown_thenTheyAreReplacedAndOnlyTheFirstSentenceKept() {
    Run run = new Run("mailtoken token a@b.c", 6, Duration.ofMillis(1200), "", "waiting…\nmailtoken: Another process"
        + " (pid 4242 on build-7) has been refreshing a@b.c for 5.3 s (since 2031-05-17T09:13:27.123Z) at"
        + " http://127.0.0.1:40123/token after 5012 ms. Try again.\nhint: later", false);

    assertThat(Outcome.of(run)).isEqualTo("exit 6 (transient): `Another process (pid N on HOST) has been refreshing"
        + " a@b.c for N s (since T) at http://127.0.0.1:PORT/token after N ms.`");
  }

  @Test
  void givenAMessageWithATablesColumnSeparator_whenShown_thenItIsEscaped() {
    Run run = new Run("mailtoken token a@b.c", 1, Duration.ZERO, "", "mailtoken: a | b", false);

    assertThat(Outcome.message(run)).isEqualTo("`a \\| b`");
  }
}
