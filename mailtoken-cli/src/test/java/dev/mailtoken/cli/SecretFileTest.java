package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret file is read exactly: one trailing newline ({@code \n} or {@code \r\n}) is dropped,
 * anything else that is not the secret is refused, naming the file and never the content.
 */
class SecretFileTest {
  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenASecretFileEndingInOneNewline_whenAddingAnApp_thenTheNewlineIsNotPartOfTheSecret() throws Exception {
    Path file = Files.writeString(home.resolve("secret.txt"), "file-secret-value\n");

    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x",
        "--client-secret-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("secret " + Secret.of("file-secret-value").fingerprint());
  }

  @Test
  void givenASecretFileEndingInOneWindowsNewline_whenAddingAnApp_thenTheCrLfIsNotPartOfTheSecret() throws Exception {
    Path file = Files.writeString(home.resolve("secret.txt"), "file-secret-value\r\n");

    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x",
        "--client-secret-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("secret " + Secret.of("file-secret-value").fingerprint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"first-line\nsecond-line\n", "file-secret-value\n\n", "file-secret-value\r\n\r\n",
      "\nfile-secret-value"})
  void givenASecretFileWithMoreThanOneLine_whenAddingAnApp_thenRefusedNamingTheFile(String content) throws Exception {
    Path file = Files.writeString(home.resolve("secret.txt"), content);

    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x",
        "--client-secret-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains(file.toString()).contains("more than one line").doesNotContain("file-secret-value")
        .doesNotContain("second-line");
    assertThat(cli.run("apps", "list").all()).contains("no apps yet");
  }

  @Test
  void givenASecretFileWithSpacesAroundTheSecret_whenAddingAnApp_thenRefusedRatherThanGuessed() throws Exception {
    Path file = Files.writeString(home.resolve("secret.txt"), "  file-secret-value \n");

    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x",
        "--client-secret-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains(file.toString()).contains("white space").doesNotContain("file-secret-value");
  }

  @Test
  void givenARefreshTokenFileWithTwoLines_whenImporting_thenRefusedNamingTheFileAndNothingIsSent() throws Exception {
    cli.withDesktopApp();
    Path file = Files.writeString(home.resolve("rt.txt"), "1//first-line\n1//second-line\n");

    CliRun r = cli.run("import", CliFixture.USER, "--app", "test", "--refresh-token-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains(file.toString()).contains("more than one line").doesNotContain("second-line");
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isZero();
  }
}
