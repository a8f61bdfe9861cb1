package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} checks who can read the key file, the database and the home directory, and its
 * exit code and last line follow its findings.
 */
class DoctorPermissionsTest {
  @TempDir
  Path dir;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  Path home;
  CliFixture cli;

  @BeforeEach
  void start() throws Exception {
    home = dir.resolve("home");
    cli = CliFixture.google(home).withDesktopApp();
    cli.importAccount(CliFixture.USER, List.of("https://mail.google.com/"));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private static void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  private static String lastLine(String out) {
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void givenOwnerOnlyFiles_whenDoctor_thenNoProblemsAndExitZero() {
    CliRun r = cli.run("doctor", "--offline");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(lastLine(r.out())).isEqualTo("no problems found");
  }

  @Test
  void givenWorldReadableKeyFile_whenDoctor_thenAProblemAndNonZeroExit() throws Exception {
    chmod(home.resolve("secret.key"), "rw-r--r--");

    CliRun r = cli.run("doctor", "--offline");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE.code());
    assertThat(r.out()).contains("[problem] key: " + home.resolve("secret.key") + " is readable by others",
        "chmod 600 " + home.resolve("secret.key"));
    assertThat(lastLine(r.out())).isEqualTo("1 problem(s), 0 warning(s) found");
  }

  @Test
  void givenGroupReadableDatabase_whenDoctor_thenAProblem() throws Exception {
    chmod(home.resolve("mailtoken.db"), "rw-r-----");

    CliRun r = cli.run("doctor", "--offline");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE.code());
    assertThat(r.out()).contains("[problem] database: " + home.resolve("mailtoken.db") + " is readable by others");
  }

  @Test
  void givenHomeWritableByOthers_whenDoctor_thenAProblem() throws Exception {
    chmod(home, "rwxrwxrwx");

    CliRun r = cli.run("doctor", "--offline");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE.code());
    assertThat(r.out()).contains("[problem] home: " + home + " can be changed by others");
  }

  @Test
  void givenHomeListableByOthers_whenDoctor_thenAWarningCountedInTheLastLine() throws Exception {
    chmod(home, "rwxr-xr-x");

    CliRun r = cli.run("doctor", "--offline");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("[warning] home: " + home + " can be listed by others");
    assertThat(lastLine(r.out())).isEqualTo("no problems, 1 warning(s)");
  }
}
