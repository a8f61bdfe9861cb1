package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version, and usage errors: exit 2 with a helpful message, never a stack trace. */
class UsageTest {
  @TempDir
  Path home;

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenNoCommand_whenRun_thenUsageExitWithExample() {
    CliRun r = cli.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("a command is required", "mailtoken demo");
  }

  @Test
  void givenMisspelledCommand_whenRun_thenUsageExitWithSuggestion() {
    CliRun r = cli.run("tokn", "a@example.com");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("tokn").contains("token");
  }

  @Test
  void givenMissingParameter_whenToken_thenTheErrorAndOneLinePointingAtHelpNotTheUsage() {
    CliRun r = cli.run("token");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines()).containsExactly("mailtoken: Missing required parameter: 'ACCOUNT'",
        "hint: mailtoken token --help shows its options and examples");
  }

  @Test
  void givenMisspelledCommand_whenRun_thenOnlyTheClosestCommandIsSuggested() {
    CliRun r = cli.run("tokn", "a@example.com");

    assertThat(r.err().lines()).containsExactly("mailtoken: 'tokn' is not a mailtoken command",
        "hint: did you mean mailtoken token?", "hint: mailtoken --help lists its commands");
  }

  @Test
  void givenWordFarFromEveryCommand_whenRun_thenNoSuggestion() {
    CliRun r = cli.run("frobnicate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'frobnicate' is not a mailtoken command").doesNotContain("did you mean");
  }

  @Test
  void givenOnlyTheNamedCommandRegistered_whenMisspelled_thenSuggestedFromEveryCommand() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code = new Main(java.util.Map.of("MAILTOKEN_HOME", home.toString()), cli.clock)
        .commandLine(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true),
            java.util.Map.of("token", TokenCommand.class))
        .execute("doctr");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("hint: did you mean mailtoken doctor?");
  }

  @Test
  void givenMisspelledSubcommand_whenAccounts_thenTheGroupsCommandIsSuggested() {
    CliRun r = cli.run("accounts", "shw", "a@example.com");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'shw' is not a mailtoken accounts command", "did you mean mailtoken accounts show?",
        "hint: mailtoken accounts --help lists its commands");
  }

  @Test
  void givenMisspelledOption_whenSend_thenTheOptionIsSuggested() {
    CliRun r = cli.run("send", "--fro", "a@example.com", "--to", "b@example.com", "--text", "x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown options: '--fro'", "hint: did you mean --from?",
        "hint: mailtoken send --help").doesNotContain("Usage:");
  }

  @Test
  void givenMissingRequiredOption_whenAppsAdd_thenUsageExitNamingIt() {
    CliRun r = cli.run("apps", "add", "gmail", "--client-id", "x", "--public");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--provider");
  }

  @Test
  void givenBadTimeout_whenAuthorize_thenUsageExitExplainsTheFormat() {
    CliRun r = cli.run("authorize", "--app", "x", "--timeout", "soon");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("30s, 5m or 1h");
  }

  @Test
  void givenTwoClientSecretSources_whenAppsAdd_thenUsageExit() {
    CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x", "--public",
        "--client-secret-env", "CLIENT_SECRET");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void givenGroupWithoutSubcommand_whenRun_thenUsageExitListingThem() {
    CliRun r = cli.run("accounts");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("list", "show", "remove");
  }

  @Test
  void givenHelp_whenRun_thenEveryVerbListedWithExitCodes() {
    CliRun r = cli.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("apps", "authorize", "import", "accounts", "token", "send", "revoke", "doctor",
        "keys", "demo", "MAILTOKEN_HOME", "Exit codes: 0 ok");
  }

  static final List<List<String>> VERBS = List.of(List.of("apps", "add"), List.of("apps", "update"), List.of("apps", "list"),
      List.of("apps", "remove"), List.of("authorize"), List.of("import"), List.of("accounts", "list"),
      List.of("accounts", "show"), List.of("accounts", "remove"), List.of("accounts", "add-service-account"),
      List.of("token"), List.of("send"), List.of("sendmail"), List.of("revoke"), List.of("doctor"), List.of("keys", "rotate"),
      List.of("demo"), List.of("completion"), List.of("apps"), List.of("accounts"), List.of("keys"), List.of());

  @Test
  void givenEachVerb_whenHelp_thenExamplesAndExitCodes() {
    for (List<String> verb : VERBS) {
      String[] args = new java.util.ArrayList<>(verb) {{ add("--help"); }}.toArray(String[]::new);
      CliRun r = cli.run(args);
      assertThat(r.exitCode()).as(verb.toString()).isZero();
      assertThat(r.out()).as(verb.toString()).contains("Examples:", "Exit codes:");
    }
  }

  @Test
  void givenEachVerb_whenHelp_thenEveryExampleLineIsIndentedAndFitsEightyColumns() {
    for (List<String> verb : VERBS) {
      String[] args = new java.util.ArrayList<>(verb) {{ add("--help"); }}.toArray(String[]::new);
      String help = cli.run(args).out();
      String examples = help.substring(help.indexOf("Examples:") + "Examples:".length(), help.indexOf("Exit codes:"));

      // picocli wraps a too-long line at column 80 and continues it unindented: a copied example would break.
      assertThat(examples.lines().filter(l -> !l.isBlank())).as(verb.toString()).allSatisfy(line -> {
        assertThat(line).hasSizeLessThanOrEqualTo(80);
        assertThat(line).startsWith("  ");
      });
    }
  }

  @Test
  void givenFailure_whenNotVerbose_thenOneLineAndHintWithoutStackTrace() {
    cli.addApp("test");
    CliRun r = cli.run("accounts", "show", "nobody@example.com");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("mailtoken: no account \"nobody@example.com\"", "hint: ").doesNotContain("\tat ");
  }

  @Test
  void givenFailure_whenVerbose_thenStackTraceToo() {
    cli.addApp("test");
    CliRun r = cli.run("--verbose", "accounts", "show", "nobody@example.com");

    assertThat(r.err()).contains("mailtoken: no account", "\tat dev.mailtoken.cli.");
  }

  @Test
  void givenVersion_whenRun_thenNamesMailtoken() {
    CliRun r = cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("mailtoken ");
  }
}
