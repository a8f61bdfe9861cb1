package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the store is: a wrong {@code --db}/{@code MAILTOKEN_DB}/{@code --home} is a clear error that
 * creates nothing (no database, no key file); only {@code apps add} creates a store, and says so.
 */
class StoreLocationTest {
  @TempDir
  Path dir;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  Path home;
  CliFixture cli;

  @BeforeEach
  void start() {
    home = dir.resolve("home");
    cli = CliFixture.google(home);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void givenDbInADirectoryThatDoesNotExist_whenAnyVerbRuns_thenUsageErrorAndNothingIsCreated() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("typo/mailtoken.db");

    CliRun list = cli.run("accounts", "list", "--db", db);
    CliRun add = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "id-1", "--public", "--db", db);

    assertThat(list.exitCode()).as(list.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(add.exitCode()).as(add.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(add.err()).contains("--db", dir.resolve("typo").toString(), "does not exist");
    assertThat(dir.resolve("typo")).doesNotExist();
    assertThat(home).doesNotExist();
  }

  @Test
  void givenMailtokenDbWithAnUnsupportedUrl_whenAnyVerbRuns_thenConfigurationErrorAndNoKeyFile() throws Exception {
    cli.env.put("MAILTOKEN_DB", "jdbc:mysql://127.0.0.1:1/mail");

    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "id-1", "--public");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("MAILTOKEN_DB", "jdbc:sqlite:", "jdbc:postgresql:");
    assertThat(home).doesNotExist();
    assertThat(filesUnder(dir)).isEmpty();
  }

  @Test
  void givenEmptyHome_whenAnyVerbRuns_thenUsageErrorAndNothingInTheWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();

    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "id-1", "--public", "--home", "");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--home");
    assertThat(cwd.resolve("mailtoken.db")).doesNotExist();
    assertThat(cwd.resolve("secret.key")).doesNotExist();
  }

  @Test
  void givenNoStoreYet_whenReadingVerbsRun_thenNoStoreErrorAndNothingIsCreated() {
    CliRun list = cli.run("accounts", "list");
    CliRun token = cli.run("token", CliFixture.USER);
    CliRun doctor = cli.run("doctor", "--offline");

    assertThat(list.exitCode()).as(list.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(list.err()).contains("no store at " + home.resolve("mailtoken.db"), "mailtoken apps add");
    assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(doctor.exitCode()).as(doctor.toString()).isNotZero();
    assertThat(doctor.out()).contains("[problem] store", "no store at");
    assertThat(home).doesNotExist();
  }

  @Test
  void givenNoStoreYet_whenAnAppIsAdded_thenTheStoreIsCreatedAndThatIsSaid() {
    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "id-1", "--public");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("created a new store at " + home.resolve("mailtoken.db"),
        "created a new secret key at " + home.resolve("secret.key"));
    assertThat(cli.run("apps", "list").err()).doesNotContain("created");
  }
}
