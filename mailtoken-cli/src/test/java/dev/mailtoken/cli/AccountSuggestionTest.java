package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An address the store does not hold gets "did you mean" the stored address close to it, in every command taking one. */
class AccountSuggestionTest {
  static final List<String> SCOPES = List.of("https://mail.google.com/");

  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    cli.importAccount(CliFixture.USER, SCOPES);
    cli.importAccount("bob@example.org", SCOPES);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenTypoInAddress_whenToken_thenDidYouMeanTheStoredAddress() {
    CliRun r = cli.run("token", "alice@exampel.com");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("mailtoken: no account \"alice@exampel.com\"",
        "hint: did you mean alice@example.com?");
  }

  @Test
  void givenTypoInAddress_whenAccountsShow_thenDidYouMeanTheStoredAddress() {
    CliRun r = cli.run("accounts", "show", "alcie@example.com");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("hint: did you mean alice@example.com?");
  }

  @Test
  void givenTypoInAddress_whenAccountsSet_thenDidYouMeanTheStoredAddress() {
    CliRun r = cli.run("accounts", "set", "bob@example.or", "--transport", "smtp");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("hint: did you mean bob@example.org?");
  }

  @Test
  void givenTypoInAddress_whenSend_thenDidYouMeanTheStoredAddress() {
    CliRun r = cli.run("send", "--from", "bob@exmple.org", "--to", "x@example.net", "--subject", "s", "--text", "hi");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("hint: did you mean bob@example.org?");
  }

  @Test
  void givenTypoInAddress_whenAccountsRemove_thenDidYouMeanAndNothingRemoved() {
    CliRun r = cli.run("accounts", "remove", "alice@example.co");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("hint: did you mean alice@example.com?");
    assertThat(cli.run("accounts", "list").out()).contains(CliFixture.USER);
  }

  @Test
  void givenTypoInAddress_whenDoctor_thenDidYouMeanTheStoredAddress() {
    CliRun r = cli.run("doctor", "bob@example.orgg", "--offline");

    assertThat(r.err()).contains("hint: did you mean bob@example.org?");
  }

  @Test
  void givenAddressFarFromEveryStoredOne_whenRevoke_thenNoSuggestionButHowToList() {
    CliRun r = cli.run("revoke", "carol@elsewhere.net");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).doesNotContain("did you mean").contains("hint: list them with: mailtoken accounts list");
  }
}
