package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A store the user can only read (SQLite file and directory not writable): the reading verbs work. */
class ReadOnlyStoreTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    cli.authorize();
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenReadOnlyStore_whenReadingVerbsRun_thenTheyWork() throws Exception {
    String stored = cli.run("token", CliFixture.USER).out().strip();
    try (ReadOnlyFiles ro = ReadOnlyFiles.of(home)) {
      CliRun list = cli.run("accounts", "list");
      CliRun show = cli.run("accounts", "show", CliFixture.USER);
      CliRun token = cli.run("token", CliFixture.USER);
      CliRun doctor = cli.run("doctor", "--offline");

      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.out()).contains(CliFixture.USER);
      assertThat(show.exitCode()).as(show.toString()).isZero();
      assertThat(token.exitCode()).as(token.toString()).isZero();
      assertThat(token.out().strip()).isEqualTo(stored);
      assertThat(doctor.out()).as(doctor.toString()).contains("[ok]      store");
    }
  }

  @Test
  void givenReadOnlyStore_whenAVerbMustWrite_thenItSaysTheStoreIsReadOnly() throws Exception {
    try (ReadOnlyFiles ro = ReadOnlyFiles.of(home)) {
      CliRun renew = cli.run("token", CliFixture.USER, "--renew");

      assertThat(renew.exitCode()).as(renew.toString()).isNotZero();
      assertThat(renew.err()).contains("read-only").doesNotContain("\tat ");
    }
  }
}
