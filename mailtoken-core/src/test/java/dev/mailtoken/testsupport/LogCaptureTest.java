package dev.mailtoken.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The leak check itself must be able to fail, or every test relying on it proves nothing. */
class LogCaptureTest {
  private static final Logger log = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void givenForbiddenSecretLogged_whenTestEnds_thenCheckFailsWithoutRepeatingTheSecret() {
    LogCapture logs = new LogCapture();
    logs.beforeEach(null);
    logs.forbid("1//0secret-refresh-token");
    log.debug("refreshing with {}", "1//0secret-refresh-token");

    assertThatThrownBy(() -> logs.afterEach(null))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a secret appeared in the log output")
        .hasMessageNotContaining("1//0secret-refresh-token");
  }

  @Test
  void givenSecretOnlyInExceptionMessage_whenTestEnds_thenCheckFails() {
    LogCapture logs = new LogCapture();
    logs.beforeEach(null);
    logs.forbidAll(() -> java.util.List.of("ya29.secret-access-token"));
    log.warn("refresh failed", new IllegalStateException("bad ya29.secret-access-token"));

    assertThatThrownBy(() -> logs.afterEach(null)).isInstanceOf(AssertionError.class);
  }

  @Test
  void givenOnlyFingerprintsLogged_whenTestEnds_thenCheckPasses() {
    LogCapture logs = new LogCapture();
    logs.beforeEach(null);
    logs.forbid("ya29.secret-access-token");
    log.info("issued token sha256:{}", "1a2b3c4d");

    assertThatCode(() -> logs.afterEach(null)).doesNotThrowAnyException();
    assertThat(logs.text()).contains("sha256:1a2b3c4d");
  }
}
