package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's stderr in a real process (slf4j-simple configured as shipped): a dead refresh token is
 * one {@code mailtoken:} line plus {@code hint:} lines, no library log lines; {@code --verbose} shows
 * them. The store is set up in-process; the child JVM runs {@link Main} on the test class path
 * against the provider emulator on loopback.
 */
class QuietStderrTest {
  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
    cli.withDesktopApp();
    cli.authorize();
    cli.provider.revokeUser(CliFixture.USER);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenDeadRefreshToken_whenRenewingInAProcess_thenStderrIsOneMailtokenLineAndHintsOnly() throws Exception {
    Result r = runProcess("token", "--renew", CliFixture.USER);

    assertThat(r.exit).as(r.err).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    List<String> lines = Arrays.stream(r.err.split("\n")).filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(r.err).isNotEmpty().allMatch(l -> l.startsWith("mailtoken: ") || l.startsWith("hint: "));
    assertThat(lines).as(r.err).filteredOn(l -> l.startsWith("mailtoken: ")).hasSize(1);
  }

  @Test
  void givenDeadRefreshToken_whenRenewingWithVerbose_thenLogLinesAppear() throws Exception {
    Result r = runProcess("token", "--renew", "--verbose", CliFixture.USER);

    assertThat(r.exit).as(r.err).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err).contains("DEBUG");
  }

  private record Result(int exit, String err) {
  }

  /**
   * The test class path as the shipped jar has it: slf4j-simple (with the CLI's
   * simplelogger.properties) instead of the tests' logback, which surefire swaps in.
   */
  private static String shippedClassPath() {
    List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("logback")).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    Path api = entries.stream().map(Path::of).filter(e -> e.getFileName().toString().startsWith("slf4j-api-"))
        .findFirst().orElseThrow(() -> new AssertionError("slf4j-api is not on the test class path"));
    String version = api.getParent().getFileName().toString();
    Path simple = api.getParent().getParent().getParent().resolve("slf4j-simple").resolve(version)
        .resolve("slf4j-simple-" + version + ".jar");
    assertThat(simple).as("the CLI's runtime SLF4J provider in the local repository").exists();
    entries.add(simple.toString());
    return String.join(File.pathSeparator, entries);
  }

  private Result runProcess(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", shippedClassPath(), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("MAILTOKEN_"));
    pb.environment().put("MAILTOKEN_HOME", home.toString());
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child process ended").isTrue();
    return new Result(p.exitValue(), err);
  }
}
