package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ServiceAccountKeyFile;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken accounts add-service-account}: a delegated service account, checked by one token. */
class AccountsAddServiceAccountCommandTest {
  static final String ROBOT = "robot@project.iam.gserviceaccount.com";
  static final String MAILBOX = "noreply@example.com";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenDelegatedKeyFile_whenAdded_thenStoredAsServiceAccountActingAsTheMailbox() throws IOException {
    Path file = keyFile(cli.provider.createServiceAccount(ROBOT, List.of(Diagnoses.GMAIL_FULL)));

    CliRun r = cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("added " + MAILBOX, ROBOT, "token works");
    assertThat(cli.run("accounts", "show", MAILBOX).out()).contains("grant:          service account (subject "
        + MAILBOX + ")", "status:         healthy", "refresh token:  none");
  }

  @Test
  void givenAddedServiceAccount_whenTokenRenewed_thenANewAssertionIsExchangedForTheMailbox() throws IOException {
    Path file = keyFile(cli.provider.createServiceAccount(ROBOT, List.of(Diagnoses.GMAIL_FULL)));
    cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-file", file.toString());

    CliRun r = cli.run("token", MAILBOX, "--renew");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.provider.introspect(r.out().strip()).orElseThrow().user()).isEqualTo(MAILBOX);
  }

  @Test
  void givenAddedServiceAccount_whenSendingOverSmtp_thenServerAuthenticatesTheMailbox() throws IOException {
    cli.addApp("workspace", cli.smtpArgs());
    Path file = keyFile(cli.provider.createServiceAccount(ROBOT, List.of(Diagnoses.GMAIL_FULL)));
    cli.run("accounts", "add-service-account", MAILBOX, "--app", "workspace", "--key-file", file.toString());

    CliRun r = cli.run("send", "--from", MAILBOX, "--to", "bob@example.net", "--subject", "s", "--text", "t");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).singleElement().satisfies(m -> assertThat(m.authenticatedUser())
        .isEqualTo(MAILBOX));
  }

  @Test
  void givenKeyInEnvironmentVariable_whenAdded_thenStored() {
    cli.env.put("SA_JSON", cli.provider.createServiceAccount(ROBOT, List.of(Diagnoses.GMAIL_FULL)).json());

    CliRun r = cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-env", "SA_JSON");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void givenDelegationWithoutTheMailScope_whenAdded_thenExplainsDomainWideDelegationAndStoresNothing()
      throws IOException {
    Path file = keyFile(cli.provider.createServiceAccount(ROBOT,
        List.of("https://www.googleapis.com/auth/gmail.readonly")));

    CliRun r = cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("unauthorized_client", "domain-wide delegation", "Manage domain-wide delegation",
        Diagnoses.GMAIL_FULL, "nothing was stored");
    assertThat(cli.run("accounts", "list").all()).doesNotContain(MAILBOX);
  }

  @Test
  void givenOAuthClientFileInsteadOfAKey_whenAdded_thenConfigurationErrorNamingTheKeyDownload() throws IOException {
    Path file = Files.writeString(home.resolve("client.json"), "{\"installed\":{\"client_id\":\"x\"}}");

    CliRun r = cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-file", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("client.json", "Add key > JSON");
  }

  @Test
  void givenAnyOutcome_whenAdded_thenThePrivateKeyIsNeverPrinted() throws IOException {
    ServiceAccountKeyFile key = cli.provider.createServiceAccount(ROBOT, List.of(Diagnoses.GMAIL_FULL));
    Path file = keyFile(key);

    CliRun added = cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-file",
        file.toString());
    CliRun shown = cli.run("accounts", "show", MAILBOX, "--json");

    assertThat(added.all() + shown.all()).doesNotContain("PRIVATE KEY", key.keyId());
  }

  @Test
  void givenServiceAccount_whenRevoked_thenKeyRemovedAndNextStepIsAddingItAgain() throws IOException {
    Path file = keyFile(cli.provider.createServiceAccount(ROBOT, List.of(Diagnoses.GMAIL_FULL)));
    cli.run("accounts", "add-service-account", MAILBOX, "--app", "test", "--key-file", file.toString());

    CliRun r = cli.run("revoke", MAILBOX);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("add it again with accounts add-service-account");
    assertThat(cli.run("token", MAILBOX, "--renew").exitCode()).isNotZero();
    assertThat(cli.run("doctor", MAILBOX, "--offline").out()).contains("mailtoken accounts add-service-account "
        + MAILBOX);
  }

  private Path keyFile(ServiceAccountKeyFile key) throws IOException {
    return Files.writeString(home.resolve("sa-key.json"), key.json());
  }
}
