package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.TokenInfo;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken token}: the cached fast path, refresh when expired, and the three output forms. */
class TokenCommandTest {
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
  void givenFreshlyAuthorizedAccount_whenTokenAsked_thenStoredTokenPrintedWithoutTokenRequest() {
    long before = cli.provider.requestCount(Endpoint.TOKEN);

    CliRun r = cli.run("token", CliFixture.USER);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Optional<TokenInfo> info = cli.provider.introspect(r.out().strip());
    assertThat(info).isPresent();
    assertThat(info.get().user()).isEqualTo(CliFixture.USER);
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isEqualTo(before);
  }

  @Test
  void givenExpiredToken_whenTokenAsked_thenRefreshedOnce() {
    String first = cli.run("token", CliFixture.USER).out().strip();
    long before = cli.provider.requestCount(Endpoint.TOKEN);
    cli.clock.advance(Duration.ofHours(2));

    CliRun r = cli.run("token", CliFixture.USER);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isNotEqualTo(first);
    assertThat(cli.provider.introspect(r.out().strip())).isPresent();
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isEqualTo(before + 1);
  }

  @Test
  void givenRenew_whenTokenAsked_thenNewTokenEvenThoughStoredOneIsValid() {
    String first = cli.run("token", CliFixture.USER).out().strip();

    CliRun r = cli.run("token", CliFixture.USER, "--renew");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isNotEqualTo(first);
  }

  @Test
  void givenHeaderOption_whenTokenAsked_thenAuthorizationHeaderLine() {
    CliRun r = cli.run("token", CliFixture.USER, "--header");

    assertThat(r.out()).startsWith("Authorization: Bearer ");
    assertThat(cli.provider.introspect(r.out().strip().substring("Authorization: Bearer ".length()))).isPresent();
  }

  @Test
  void givenJsonOption_whenTokenAsked_thenAccessTokenExpiryAndScope() {
    CliRun r = cli.run("token", CliFixture.USER, "--json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("{\"access_token\":\"").contains("\"expires_at\":\"", "\"scope\":\"")
        .contains("https://mail.google.com/");
  }

  @Test
  void givenUnknownAccount_whenTokenAsked_thenConfigurationExitCode() {
    CliRun r = cli.run("token", "nobody@example.com");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("nobody@example.com");
  }

  @Test
  void givenRevokedGrant_whenTokenMustRefresh_thenReauthorizationExitCode() {
    cli.provider.revokeUser(CliFixture.USER);
    cli.clock.advance(Duration.ofHours(2));

    CliRun r = cli.run("token", CliFixture.USER);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("mailtoken authorize");
    assertThat(cli.run("accounts", "show", CliFixture.USER).out()).contains("reauthorization required");
  }
}
