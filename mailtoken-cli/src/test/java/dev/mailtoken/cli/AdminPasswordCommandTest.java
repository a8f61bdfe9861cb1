package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.ServerAdmin;
import dev.mailtoken.server.login.LoginOutcome;
import dev.mailtoken.server.login.Logins;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.StoreHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken admin-password set|clear}, checked against the server's own login on the same store. */
class AdminPasswordCommandTest {
  private static final String PASSWORD = "purple otter marmalade 42";

  @TempDir
  Path home;

  CliFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = CliFixture.google(home);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Logins logins(CredentialStore store) throws Exception {
    return ServerAdmin.open(store, fixture.clock).logins();
  }

  private CredentialStore store() throws Exception {
    return CredentialStore.open("jdbc:sqlite:" + home.resolve(StoreHome.DATABASE_FILE),
        KeyRing.fromEnvironment(fixture.env, home), fixture.clock);
  }

  @Test
  void givenAPasswordInAVariable_whenSet_thenTheServerLogsInWithItAndNothingPrintsIt() throws Exception {
    fixture.env.put("ADMIN_PW", PASSWORD);

    CliRun r = fixture.run("admin-password", "set", "--password-env", "ADMIN_PW");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("admin password set");
    assertThat(r.all()).doesNotContain(PASSWORD);
    try (CredentialStore store = store()) {
      assertThat(logins(store).login(PASSWORD, "127.0.0.1")).isInstanceOf(LoginOutcome.Succeeded.class);
      assertThat(logins(store).login("another password", "127.0.0.1")).isInstanceOf(LoginOutcome.Refused.class);
    }
  }

  @Test
  void givenAPasswordInAFile_whenSet_thenItIsTheFilesContent() throws Exception {
    Path file = home.resolve("pw.txt");
    Files.writeString(file, PASSWORD + "\n");

    assertThat(fixture.run("admin-password", "set", "--password-file", file.toString()).exitCode()).isZero();

    try (CredentialStore store = store()) {
      assertThat(logins(store).login(PASSWORD, "127.0.0.1")).isInstanceOf(LoginOutcome.Succeeded.class);
    }
  }

  @Test
  void givenAPasswordTypedTwice_whenSet_thenItIsStored() throws Exception {
    Deque<String> typed = new ArrayDeque<>(List.of(PASSWORD, PASSWORD));
    fixture.secretReader = prompt -> Optional.ofNullable(typed.poll());

    assertThat(fixture.run("admin-password", "set").exitCode()).isZero();

    try (CredentialStore store = store()) {
      assertThat(logins(store).passwordSet()).isTrue();
    }
  }

  @Test
  void givenTwoDifferentPasswordsTyped_whenSet_thenUsageErrorAndNothingStored() throws Exception {
    Deque<String> typed = new ArrayDeque<>(List.of(PASSWORD, PASSWORD + "x"));
    fixture.secretReader = prompt -> Optional.ofNullable(typed.poll());

    CliRun r = fixture.run("admin-password", "set");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("the two admin passwords typed differ");
    try (CredentialStore store = store()) {
      assertThat(logins(store).passwordSet()).isFalse();
    }
  }

  @Test
  void givenAShortPassword_whenSet_thenUsageErrorNamingTheMinimum() {
    fixture.env.put("ADMIN_PW", "short");

    CliRun r = fixture.run("admin-password", "set", "--password-env", "ADMIN_PW");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("at least 12 characters").doesNotContain("short;");
  }

  @Test
  void givenAPasswordShapedLikeAnApiToken_whenSet_thenUsageErrorAndNothingStored() throws Exception {
    fixture.env.put("ADMIN_PW", "mtk_looks-like-a-token-value");

    CliRun r = fixture.run("admin-password", "set", "--password-env", "ADMIN_PW");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("must not start with mtk_");
    assertThat(home.resolve(StoreHome.DATABASE_FILE)).doesNotExist();
  }

  @Test
  void givenNoTerminalAndNoFileOrVariable_whenSet_thenUsageErrorSayingHow() {
    CliRun r = fixture.run("admin-password", "set");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--password-file FILE or --password-env VAR");
  }

  @Test
  void givenAPassword_whenCleared_thenItNoLongerLogsInAndClearingAgainChangesNothing() throws Exception {
    fixture.env.put("ADMIN_PW", PASSWORD);
    fixture.run("admin-password", "set", "--password-env", "ADMIN_PW");

    CliRun cleared = fixture.run("admin-password", "clear");
    CliRun again = fixture.run("admin-password", "clear");

    assertThat(cleared.exitCode()).isZero();
    assertThat(cleared.err()).contains("admin password removed");
    assertThat(again.err()).contains("no admin password was set");
    try (CredentialStore store = store()) {
      assertThat(logins(store).login(PASSWORD, "127.0.0.1")).isInstanceOf(LoginOutcome.Refused.class);
    }
  }
}
