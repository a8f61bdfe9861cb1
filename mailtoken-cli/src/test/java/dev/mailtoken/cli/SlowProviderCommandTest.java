package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.RotationPolicy;
import dev.mailtoken.testsupport.LogCapture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow, throttling and unreachable services seen from the command line, against a provider that
 * rotates refresh tokens with reuse detection: a late answer is saved (the next run uses it),
 * Retry-After holds across runs, a lost answer is explained, an unreachable database is transient.
 * Real time only where the emulator's delay is involved, with short limits.
 */
class SlowProviderCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.GOOGLE).defaultUser(CliFixture.USER)
        .rotation(RotationPolicy.ROTATE_REUSE_DETECTION)).withDesktopApp();
    cli.authorize();
    logs.forbidAll(cli.provider::issuedSecrets);
    cli.clock.advance(Duration.ofHours(2));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenProviderSlowerThanTheHttpTimeout_whenTokenAsked_thenTransientExitAndTheNextRunPrintsTheSavedToken() {
    cli.env.put("MAILTOKEN_HTTP_TIMEOUT", "300ms");
    cli.env.put("MAILTOKEN_HTTP_COMPLETION_TIMEOUT", "15s");
    cli.provider.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1500)));
    long before = cli.provider.requestCount(Endpoint.TOKEN);

    CliRun slow = cli.run("token", CliFixture.USER);

    assertThat(slow.exitCode()).as(slow.toString()).isEqualTo(ExitCode.TRANSIENT.code());
    assertThat(slow.err()).contains("within 300 ms", "waiting for the provider's late answer", "not lost");
    CliRun next = cli.run("token", CliFixture.USER);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(cli.provider.introspect(next.out().strip())).isPresent();
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isEqualTo(before + 1);
    cli.clock.advance(Duration.ofHours(2));
    assertThat(cli.run("token", CliFixture.USER).exitCode()).isZero(); // the rotated refresh token was kept
  }

  @Test
  void givenProviderAnswering429WithRetryAfter600_whenTokenAskedThreeTimes_thenOneRequestAndTheWaitIsShown() {
    cli.provider.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(Duration.ofSeconds(600)));
    long before = cli.provider.requestCount(Endpoint.TOKEN);
    Instant next = cli.clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(600); // stored in milliseconds

    for (int i = 0; i < 3; i++) {
      CliRun r = cli.run("token", CliFixture.USER);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.TRANSIENT.code());
      assertThat(r.err()).contains("try again in 600 s");
    }

    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isEqualTo(before + 1);
    assertThat(cli.run("accounts", "show", CliFixture.USER).out())
        .contains("failures:       1 in a row", "next attempt:   not before " + next);
    assertThat(cli.run("accounts", "show", CliFixture.USER, "--json").out())
        .contains("\"next_attempt_at\" : \"" + next + "\"", "\"failures\" : 1");
    CliRun doctor = cli.run("doctor", CliFixture.USER);
    assertThat(doctor.out()).contains("refresh failing: 1 failure(s) in a row; no process sends a token request"
        + " before " + next);
    assertThat(cli.provider.requests(Endpoint.TOKEN).stream().filter(r -> r.method().equals("POST")))
        .as("doctor's clock check may GET the endpoint, but it sends no token request").hasSize((int) before + 1);
  }

  @Test
  void givenRefreshWhoseAnswerNeverCame_whenTheProviderHadRotated_thenTokenAndDoctorSayTheRefreshWasInterrupted()
      throws Exception {
    cli.env.put("MAILTOKEN_HTTP_TIMEOUT", "200ms");
    cli.env.put("MAILTOKEN_HTTP_COMPLETION_TIMEOUT", "500ms");
    Instant sent = cli.clock.instant().truncatedTo(ChronoUnit.MILLIS); // stored in milliseconds
    int issued = cli.provider.issuedSecrets().size();
    cli.provider.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1500)));
    assertThat(cli.run("token", CliFixture.USER).exitCode()).isEqualTo(ExitCode.TRANSIENT.code());
    assertThat(cli.run("accounts", "show", CliFixture.USER).out()).contains("interrupted:    a refresh sent at "
        + sent);
    awaitRotation(issued);
    cli.clock.advance(Duration.ofHours(1));

    CliRun token = cli.run("token", CliFixture.USER);

    String explained = "a refresh was interrupted at " + sent + " (process crash or timeout); the provider revoked"
        + " the token family; run mailtoken authorize";
    assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(token.err()).contains(explained);
    CliRun doctor = cli.run("doctor", CliFixture.USER);
    assertThat(doctor.exitCode()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(doctor.out()).contains("[problem] " + CliFixture.USER + ": " + explained)
        .doesNotContain("the refresh token is dead (invalid_grant)");
  }

  @Test
  void givenUnreachablePostgres_whenTokenOrDoctorRun_thenTransientExitWithinTheConnectTimeout() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    cli.env.put("MAILTOKEN_DB", "jdbc:postgresql://127.0.0.1:" + port + "/mailtoken?user=u&password=pw-" + port);
    cli.env.put("MAILTOKEN_DB_CONNECT_TIMEOUT", "1s");
    long start = System.nanoTime();

    CliRun token = cli.run("token", CliFixture.USER);
    CliRun doctor = cli.run("doctor");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCode.TRANSIENT.code());
    assertThat(token.err()).contains("127.0.0.1:" + port).doesNotContain("pw-" + port);
    assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(ExitCode.TRANSIENT.code());
  }

  @Test
  void givenTimeoutVariablesThatAreNotDurations_whenRun_thenConfigurationExitNamingThem() {
    cli.env.put("MAILTOKEN_LOCK_WAIT", "a while");
    CliRun lock = cli.run("token", CliFixture.USER);
    cli.env.remove("MAILTOKEN_LOCK_WAIT");
    cli.env.put("MAILTOKEN_HTTP_TIMEOUT", "soon");
    CliRun http = cli.run("token", CliFixture.USER);

    assertThat(lock.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(lock.err()).contains("MAILTOKEN_LOCK_WAIT=a while", "10s");
    assertThat(http.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(http.err()).contains("MAILTOKEN_HTTP_TIMEOUT=soon");
  }

  /** The emulator rotates after its delay even though nobody reads the answer any more (real time). */
  private void awaitRotation(int issuedBefore) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (cli.provider.issuedSecrets().size() <= issuedBefore) {
      assertThat(System.nanoTime()).as("the delayed refresh was processed").isLessThan(end);
      Thread.sleep(20);
    }
  }
}
