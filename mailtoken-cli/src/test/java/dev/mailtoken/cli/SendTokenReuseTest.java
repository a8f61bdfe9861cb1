package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send} reuses the stored access token while it has the minimum validity {@code token}
 * uses ({@link TokenCommand#MIN_REMAINING}), so providers issuing short-lived tokens are not asked
 * for a new one (and do not rotate the refresh token) on every send.
 */
class SendTokenReuseTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.GOOGLE).defaultUser(CliFixture.USER)
        .accessTokenTtl(Duration.ofMinutes(5)));
    cli.withDesktopApp(cli.smtpArgs());
    cli.authorize();
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private CliRun send(String subject) {
    return cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", subject,
        "--text", "hi");
  }

  private long refreshes() {
    return cli.provider.requests(Endpoint.TOKEN).stream()
        .filter(r -> r.param("grant_type").orElse("").equals("refresh_token")).count();
  }

  @Test
  void givenFiveMinuteTokens_whenSendingTwice_thenOneRefresh() {
    cli.clock.advance(Duration.ofMinutes(6));   // the token from the consent has expired

    CliRun first = send("one");
    CliRun second = send("two");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(refreshes()).isEqualTo(1);
    assertThat(cli.smtp().messages()).hasSize(2);
  }

  @Test
  void givenStoredTokenWithMinutesLeft_whenSending_thenNoRefresh() {
    cli.clock.advance(Duration.ofMinutes(3));

    CliRun r = send("reuse");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(refreshes()).isZero();
  }

  @Test
  void givenStoredTokenWithLessThanTheMinimumLeft_whenSending_thenRefreshedFirst() {
    cli.clock.advance(Duration.ofMinutes(5).minus(TokenCommand.MIN_REMAINING).plusSeconds(1));

    CliRun r = send("renewed");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(refreshes()).isEqualTo(1);
  }
}
