package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailtoken authorize} with Microsoft work accounts whose ID token has no {@code email}
 * claim: the mailbox is named by {@code preferred_username} (the UPN), else {@code --account}.
 */
class AuthorizeMicrosoftMailboxTest {
  static final String UPN = "bob@contoso.com";
  static final String SMTP = "https://outlook.office.com/SMTP.Send";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @AfterEach
  void stop() {
    cli.close();
  }

  private void start(boolean emailClaim) {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.MICROSOFT).defaultUser(UPN).idTokenEmailClaim(emailClaim));
    cli.withMicrosoftApp();
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @Test
  void givenIdTokenWithoutEmail_whenAuthorizedWithoutAccount_thenMailboxIsThePreferredUsername() {
    start(false);

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized " + UPN);
    assertThat(r.err()).contains("mailbox " + UPN + " (from the ID token's preferred_username claim");
    assertThat(cli.provider.requestCount(Endpoint.USERINFO)).isZero();
    assertThat(cli.run("accounts", "show", UPN).exitCode()).isZero();
  }

  @Test
  void givenIdTokenWithEmail_whenAuthorized_thenTheEmailClaimNamesTheMailbox() {
    start(true);

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("mailbox " + UPN + " (from the ID token's email claim)");
  }

  @Test
  void givenNeitherEmailNorPreferredUsername_whenAuthorizedWithoutAccount_thenUsageErrorAsksForAccount() {
    start(false);
    cli.provider.consent(ConsentDecision.grant(List.of(SMTP, "offline_access", "openid", "email")));

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("no email or preferred_username in the ID token", "--account");
    assertThat(cli.run("accounts", "show", UPN).exitCode()).isNotZero();
  }

  @Test
  void givenNeitherEmailNorPreferredUsername_whenAuthorizedWithAccount_thenStoredUnderTheAccount() {
    start(false);
    cli.provider.consent(ConsentDecision.grant(List.of(SMTP, "offline_access", "openid", "email")));

    CliRun r = cli.run("authorize", "--app", "test", "--account", UPN, "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized " + UPN);
    assertThat(r.err()).contains("mailbox " + UPN + " (from --account)");
  }
}
