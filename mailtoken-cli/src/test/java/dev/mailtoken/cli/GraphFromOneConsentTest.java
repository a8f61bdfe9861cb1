package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.store.AccountEdit;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.testkit.ApiMessage;
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
 * One authorization, every resource: a Microsoft mailbox whose SMTP AUTH is disabled (535 5.7.139)
 * is told exactly what to run, consents to Graph beside SMTP with {@code authorize --also graph},
 * and sends over Graph with a Graph token (the emulator refuses an SMTP token's audience, as Graph
 * does), by option or as its stored default transport.
 */
class GraphFromOneConsentTest {
  static final String ALICE = "alice@contoso.com";
  static final String SMTP = "https://outlook.office.com/SMTP.Send";
  static final String GRAPH = "https://graph.microsoft.com/Mail.Send";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @AfterEach
  void stop() {
    cli.close();
  }

  private void microsoft() {
    cli = new CliFixture(home, b -> b.mode(EmulatorMode.MICROSOFT).defaultUser(ALICE));
    cli.withMicrosoftApp(cli.smtpArgs());
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  private CliRun send(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("send", "--from", ALICE, "--to", "bob@example.net",
        "--subject", "s", "--text", "t", "--api-base", cli.provider.baseUri().toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  private CliRun authorize(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("authorize", "--app", "test", "--account", ALICE,
        "--timeout", "20s"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void givenAuthorizedAlsoForGraph_whenSentWithTransportGraph_thenGraphAcceptsItWithoutAnotherTokenRequest() {
    microsoft();

    CliRun authorized = authorize("--also", "graph");
    long tokenRequests = cli.provider.requestCount(Endpoint.TOKEN);
    CliRun sent = send("--transport", "graph");

    assertThat(authorized.exitCode()).as(authorized.toString()).isZero();
    assertThat(authorized.out()).contains("graph: consented, token stored",
        "mailtoken accounts set " + ALICE + " --transport graph");
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    assertThat(sent.out()).contains("via graph");
    assertThat(cli.provider.apiMessages()).extracting(ApiMessage::user).containsExactly(ALICE);
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).as("the Graph token stored by authorize was used")
        .isEqualTo(tokenRequests);
  }

  @Test
  void givenSmtpAuthDisabledAndNoGraphConsent_whenSent_thenTheHintSaysExactlyWhatToRun() {
    microsoft();
    assertThat(authorize().exitCode()).isZero();
    cli.smtp().disableSmtpAuth(ALICE);

    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("5.7.139", "hint: send over Graph instead: mailtoken authorize --app test --account "
        + ALICE + " --also graph", "then mailtoken accounts set " + ALICE + " --transport graph");
  }

  @Test
  void givenSmtpAuthDisabled_whenTheHintsCommandsAreRun_thenSendGoesOverGraphByDefault() {
    microsoft();
    assertThat(authorize().exitCode()).isZero();
    cli.smtp().disableSmtpAuth(ALICE);

    assertThat(authorize("--also", "graph").exitCode()).isZero();
    CliRun hinted = send();
    CliRun set = cli.run("accounts", "set", ALICE, "--transport", "graph");
    CliRun sent = send();

    assertThat(hinted.err()).contains("hint: send over Graph instead: add --transport graph, or make Graph this"
        + " account's default: mailtoken accounts set " + ALICE + " --transport graph");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    assertThat(sent.out()).contains("via graph");
    assertThat(cli.run("accounts", "show", ALICE, "--json").out()).contains("\"transport\" : \"graph\"");
    assertThat(cli.smtp().messages()).isEmpty();
  }

  @Test
  void givenAnAccountAuthorizedForSmtpOnly_whenSentWithTransportGraph_thenItSaysToAuthorizeForGraph() {
    microsoft();
    assertThat(authorize().exitCode()).isZero();

    CliRun r = send("--transport", "graph");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REAUTHORIZATION_REQUIRED.code());
    assertThat(r.err()).contains("has not consented to the scopes asked for");
    assertThat(cli.run("accounts", "show", ALICE).out()).contains("status:         healthy");
    assertThat(send().exitCode()).as("SMTP still works").isZero();
  }

  @Test
  void givenAStoredDefaultTransportThisVersionDoesNotKnow_whenSent_thenConfigurationErrorSayingHowToReset()
      throws Exception {
    microsoft();
    assertThat(authorize().exitCode()).isZero();
    java.util.Map<String, String> env = java.util.Map.of("MAILTOKEN_HOME", home.toString());
    try (CredentialStore store = CredentialStore.open(StoreHome.jdbcUrl(env, home), KeyRing.fromEnvironment(env, home),
        java.time.Clock.systemUTC())) {
      store.updateAccount(ALICE, store.account(ALICE).orElseThrow().version(), AccountEdit.none().withTransport("pigeon"));
    }

    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("'pigeon'", "mailtoken accounts set " + ALICE + " --transport smtp");
    assertThat(send("--transport", "smtp").exitCode()).as("naming one still works").isZero();
  }

  @Test
  void givenGraphUntickedOnTheConsentScreen_whenAuthorizedAlsoForGraph_thenStoredForSmtpAndConfigurationExit() {
    microsoft();
    cli.provider.consent(ConsentDecision.grant(List.of(SMTP, "offline_access", "openid", "email", "profile")));

    CliRun r = authorize("--also", "graph");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.out()).contains("authorized " + ALICE);
    assertThat(r.err()).contains("refused a Graph token", "leave Mail.Send ticked");
    assertThat(send().exitCode()).as("SMTP works").isZero();
  }

  @Test
  void givenAGoogleApp_whenAlsoGraphOrGraphAsDefault_thenUsageErrorsNamingGraphAsMicrosofts(@TempDir Path gHome) {
    cli = CliFixture.google(gHome);
    cli.withDesktopApp();
    cli.authorize();

    CliRun also = cli.run("authorize", "--app", "test", "--also", "graph");
    CliRun set = cli.run("accounts", "set", CliFixture.USER, "--transport", "graph");

    assertThat(also.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(also.err()).contains("graph is Microsoft Graph");
    assertThat(set.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(set.err()).contains("graph is Microsoft Graph");
  }
}
