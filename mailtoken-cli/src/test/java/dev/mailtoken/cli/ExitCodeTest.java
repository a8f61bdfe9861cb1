package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.TransientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Which exit code each kind of failure gets (the table in the README and every help footer). */
class ExitCodeTest {

  @Test
  void givenAnUnexpectedRuntimeException_whenMapped_thenInternalError4() {
    assertThat(ErrorReporter.exitCode(new IllegalStateException("bug"))).isEqualTo(ExitCode.INTERNAL);
    assertThat(ExitCode.INTERNAL.code()).isEqualTo(4);
  }

  @Test
  void givenTypedFailures_whenMapped_thenEachHasItsOwnCode() {
    assertThat(ErrorReporter.exitCode(new ReauthorizationRequiredException("dead", "a@b.c", null, null)).code())
        .isEqualTo(3);
    assertThat(ErrorReporter.exitCode(new ConfigurationException("setup", "a@b.c", null, null)).code()).isEqualTo(5);
    assertThat(ErrorReporter.exitCode(new TransientException("later", "a@b.c", null, null, null)).code()).isEqualTo(6);
  }

  @Test
  void givenACheckedExceptionThatIsNoBug_whenMapped_thenPlainFailure1() {
    assertThat(ErrorReporter.exitCode(new IOException("disk full"))).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void givenTheHelpFooter_whenRead_thenItListsEveryCodeInOrder() {
    for (ExitCode code : ExitCode.values()) {
      assertThat(ExitCode.FOOTER).contains(" " + code.code() + " ");
    }
  }
}
