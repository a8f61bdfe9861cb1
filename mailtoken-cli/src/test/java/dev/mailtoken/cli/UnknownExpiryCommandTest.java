package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ExpiresInStyle;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A provider whose token responses say nothing usable about the lifetime (no, non-numeric or negative expires_in). */
class UnknownExpiryCommandTest {
  private static final List<String> MAIL = List.of("https://mail.google.com/");

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  private CliFixture start(ExpiresInStyle style) {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.GOOGLE).defaultUser(CliFixture.USER).expiresIn(style))
        .withDesktopApp();
    logs.forbidAll(cli.provider::issuedSecrets);
    cli.importAccount(CliFixture.USER, MAIL);
    return cli;
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenNoExpiresIn_whenTokenAskedADayLater_thenANewTokenNotTheStoredOne() {
    start(ExpiresInStyle.OMITTED);
    String first = cli.run("token", CliFixture.USER).out().strip();

    cli.clock.advance(Duration.ofDays(1));
    CliRun r = cli.run("token", CliFixture.USER);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isNotEqualTo(first);
    assertThat(cli.provider.introspect(r.out().strip())).isPresent();
  }

  @Test
  void givenNonNumericExpiresIn_whenAccountShown_thenExpiryIsUnknownWithTheAssumedTime() {
    start(ExpiresInStyle.NOT_A_NUMBER);

    CliRun r = cli.run("accounts", "show", CliFixture.USER);

    assertThat(r.out()).contains("token expires:  unknown (the provider sent no usable expires_in;"
        + " treated as expiring at ").doesNotContain("no access token");
  }

  @Test
  void givenNegativeExpiresIn_whenAccountShownAsJson_thenExpiryIsMarkedUnknown() {
    start(ExpiresInStyle.NEGATIVE);

    CliRun r = cli.run("accounts", "show", CliFixture.USER, "--json");

    assertThat(r.out()).contains("\"access_token_expiry_known\" : false", "\"access_token_assumed_expires_at\"");
  }
}
