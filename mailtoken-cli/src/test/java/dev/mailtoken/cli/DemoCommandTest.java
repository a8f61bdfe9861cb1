package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken demo}: the README's run command works end to end and cleans up. */
class DemoCommandTest {
  @TempDir
  Path unused;

  @Test
  void givenFreshMachine_whenDemo_thenEveryStepWorksAndTemporaryHomeIsDeleted() {
    try (CliFixture cli = CliFixture.google(unused)) {
      cli.env.remove("MAILTOKEN_HOME");

      CliRun r = cli.run("demo");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("step 1", "authorized demo@example.com", "status:         healthy",
          "none of the", "new access token", "sent <", "authenticated as demo@example.com with XOAUTH2",
          "Subject: Hello from mailtoken", "every step worked");
      Matcher store = Pattern.compile("Store: (\\S+) \\(temporary").matcher(r.out());
      assertThat(store.find()).isTrue();
      assertThat(Files.exists(Path.of(store.group(1)))).isFalse();
    }
  }

  @Test
  void givenFreshMachine_whenDemo_thenInnerMessagesAreTheStepsOwnIndentedLinesInStepOrder() {
    try (CliFixture cli = CliFixture.google(unused)) {
      cli.env.remove("MAILTOKEN_HOME");

      CliRun r = cli.run("demo");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.out()).containsSubsequence("== step 1", "  created a new secret key", "  added app demo",
          "  next: mailtoken authorize", "== step 2", "  Open this URL", "    http://127.0.0.1:",
          "  (opened your browser)", "  waiting for consent", "  authorized demo@example.com", "  try: mailtoken token", "== step 3",
          "  status:         healthy", "== step 4", "== step 5", "  sent <", "== step 6", "Summary:");
      assertThat(r.out()).endsWith("Demo finished: every step worked." + System.lineSeparator());
    }
  }

  @Test
  void givenHome_whenDemo_thenStoreIsKept() {
    try (CliFixture cli = CliFixture.google(unused)) {
      CliRun r = cli.run("--home", unused.resolve("kept").toString(), "demo");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(unused.resolve("kept").resolve("mailtoken.db")).exists();
    }
  }
}
