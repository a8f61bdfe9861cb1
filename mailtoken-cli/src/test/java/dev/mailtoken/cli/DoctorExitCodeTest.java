package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} exits 3 (reauthorization required) when an account needs a person to consent again,
 * after printing its whole report, and its help says which exit codes it uses.
 */
class DoctorExitCodeTest {
  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    cli.importAccount(CliFixture.USER, List.of("https://mail.google.com/"));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenRevokedAccount_whenDoctor_thenFullReportAndExitThree() {
    assertThat(cli.run("revoke", CliFixture.USER).exitCode()).isZero();

    CliRun r = cli.run("doctor", CliFixture.USER, "--offline");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.out()).contains("[ok]      store", "[problem] " + CliFixture.USER + ": revoked: no secrets stored",
        "mailtoken authorize --app test --account " + CliFixture.USER, "1 problem(s), 0 warning(s) found");
  }

  @Test
  void givenAccountMarkedReauthorizationRequired_whenDoctorOffline_thenFullReportAndExitThree() {
    cli.provider.revokeUser(CliFixture.USER);
    assertThat(cli.run("token", CliFixture.USER, "--renew").exitCode()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());

    CliRun r = cli.run("doctor", "--offline");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.out()).contains("[ok]      store", "[problem] " + CliFixture.USER, "problem(s)");
  }

  @Test
  void givenGrantRevokedAtTheProvider_whenDoctorRefreshes_thenExitThree() {
    cli.provider.revokeUser(CliFixture.USER);

    CliRun r = cli.run("doctor", CliFixture.USER, "--refresh");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.out()).contains("the refresh token is dead (invalid_grant)", "problem(s)");
  }

  @Test
  void givenHealthyAccount_whenDoctorOffline_thenExitZero() {
    CliRun r = cli.run("doctor", CliFixture.USER, "--offline");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void givenDoctorHelp_whenRead_thenItStatesTheExitCodesDoctorUses() {
    String help = cli.run("doctor", "--help").out().replaceAll("\\s+", " ");

    assertThat(help).contains("Exit code 0 when no problem was found", "3 when an account needs a person to consent"
        + " again (revoked, or its grant is dead), else 1 when a problem was found; 5 when the store cannot be opened,"
        + " 6 when its database cannot be reached");
  }
}
