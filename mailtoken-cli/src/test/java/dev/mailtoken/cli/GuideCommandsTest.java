package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code mailtoken …} command line the guides in {@code docs/}, the top README and the CLI
 * README show (fenced shell blocks and inline code, see {@link DocCommandLines}) is one the CLI
 * accepts. Each is parsed by the {@code CommandLine} that {@link Main#commandLine} builds, exactly as
 * a run would parse it, without running it: unknown options, unmatched arguments, values of the
 * wrong type, missing required options and conflicting ones fail, naming the file and line. (Only
 * appending {@code --help} would not do: picocli then ignores unknown options and required ones.)
 * A bare verb mentioned in prose ({@code mailtoken import}) must be a command whose help exists.
 *
 * <p>What parsing cannot see are the checks a command makes when it runs (for example
 * {@code --provider oidc} without {@code --issuer}, which is a usage error from {@code apps add}
 * itself); those are covered by the commands' own tests against the emulators.
 */
class GuideCommandsTest {
  @TempDir
  static Path home;

  static Path root() {
    Path here = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("mailtoken-cli/README.md"))) {
        return p;
      }
    }
    throw new AssertionError("no docs/ and mailtoken-cli/README.md above " + here);
  }

  /**
   * The Markdown files whose commands are checked, relative to {@link #root()}: every guide and the
   * two READMEs that show commands.
   */
  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("mailtoken-cli/README.md")));
    try (Stream<Path> files = Files.list(root().resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(f -> docs.add(Path.of("docs")
          .resolve(f.getFileName())));
    }
    return docs;
  }

  @TestFactory
  Stream<DynamicTest> givenEveryDocumentedCommandLine_whenParsed_thenTheCliAcceptsIt() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : documents()) {
      for (DocCommandLines.CommandLine command : DocCommandLines.in(root(), doc)) {
        tests.add(DynamicTest.dynamicTest(command.toString(), () -> assertParses(command)));
      }
    }
    return tests.stream();
  }

  @Test
  void givenEachGuide_whenCommandsExtracted_thenItShowsSome() throws IOException {
    for (Path doc : documents()) {
      if (doc.equals(Path.of("docs/README.md"))) {
        continue;   // the index links the guides, it shows no commands of its own
      }
      assertThat(DocCommandLines.in(root(), doc)).as(doc.toString()).isNotEmpty();
    }
  }

  /**
   * A command line with arguments must parse completely (required options present, no unknown or
   * conflicting option, values of the right type) and name a command that runs, not a group; a bare
   * verb mentioned in prose ({@code mailtoken import}) must name a command whose help exists.
   */
  static void assertParses(DocCommandLines.CommandLine command) {
    if (command.args().stream().allMatch(a -> a.matches("[a-z][a-z-]*")) && !runsAsIs(command)) {
      assertHelpFor(command);
      return;
    }
    picocli.CommandLine cl = new Main(context()).commandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    picocli.CommandLine.ParseResult parsed;
    try {
      parsed = cl.parseArgs(command.args().toArray(String[]::new));
    } catch (picocli.CommandLine.ParameterException e) {
      throw new AssertionError(command + "\n  is not accepted by the CLI: " + e.getMessage(), e);
    }
    boolean helpOrVersion = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
      helpOrVersion |= parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    }
    assertThat(helpOrVersion || parsed.commandSpec().userObject() instanceof Verb)
        .as(command + "\n  names no runnable command (a group needs a subcommand)").isTrue();
  }

  /** True when plain words form a complete command line (a verb with a word argument: {@code completion bash}). */
  private static boolean runsAsIs(DocCommandLines.CommandLine command) {
    picocli.CommandLine cl = new Main(context()).commandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    try {
      picocli.CommandLine.ParseResult parsed = cl.parseArgs(command.args().toArray(String[]::new));
      while (parsed.hasSubcommand()) {
        parsed = parsed.subcommand();
      }
      return parsed.commandSpec().userObject() instanceof Verb && !parsed.originalArgs().isEmpty()
          && !parsed.matchedPositionals().isEmpty();
    } catch (picocli.CommandLine.ParameterException e) {
      return false;
    }
  }

  private static void assertHelpFor(DocCommandLines.CommandLine command) {
    List<String> args = new ArrayList<>(command.args());
    args.add("--help");
    StringWriter out = new StringWriter();
    int code = new Main(context()).commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
        .execute(args.toArray(String[]::new));
    assertThat(code).as(command.toString()).isZero();
    // picocli prints the root's help for an unknown verb: the usage line says which command answered.
    assertThat(out.toString()).as(command + "\n  is not a command").contains(
        ("Usage: mailtoken " + String.join(" ", command.args())).strip() + " ");
  }

  private static CliContext context() {
    return new CliContext(Map.of("MAILTOKEN_HOME", home.toString()),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), SecretReader.none(), Browser.none(),
        Optional.empty());
  }

  @Test
  void givenContinuationAndComment_whenExtracted_thenOneCommandWithoutTheComment() {
    List<DocCommandLines.CommandLine> found = DocCommandLines.block(Path.of("x.md"), 10, List.of(
        "mailtoken apps add gmail --provider google \\",
        "    --client-id 1.apps.googleusercontent.com   # from the console",
        "mailtoken authorize --app gmail"));

    assertThat(found).extracting(DocCommandLines.CommandLine::args).containsExactly(
        List.of("apps", "add", "gmail", "--provider", "google", "--client-id", "1.apps.googleusercontent.com"),
        List.of("authorize", "--app", "gmail"));
    assertThat(found).extracting(DocCommandLines.CommandLine::line).containsExactly(10, 12);
  }

  @Test
  void givenQuotesSubstitutionAndEnvPrefix_whenExtracted_thenUnquotedCommands() {
    List<DocCommandLines.CommandLine> found = DocCommandLines.commands(Path.of("x.md"), 1,
        "RT=abc mailtoken import a@b.c --app g --refresh-token-env RT && curl -H \"$(mailtoken token a@b.c --header)\""
            + " URL; mailtoken send --from a@b.c --to b@c.d --subject 'Hi there' --text \"it's \\\"fine\\\"\" > out.txt");

    assertThat(found).extracting(DocCommandLines.CommandLine::args).containsExactly(
        List.of("token", "a@b.c", "--header"),
        List.of("import", "a@b.c", "--app", "g", "--refresh-token-env", "RT"),
        List.of("send", "--from", "a@b.c", "--to", "b@c.d", "--subject", "Hi there", "--text", "it's \"fine\""));
  }

  @Test
  void givenHashInsideQuotes_whenCommentsStripped_thenKept() {
    assertThat(DocCommandLines.stripComment("mailtoken send --text '#1 done' # comment"))
        .isEqualTo("mailtoken send --text '#1 done'");
  }

  @Test
  void givenUnknownOption_whenCheckedLikeADocumentedLine_thenFails() {
    DocCommandLines.CommandLine bad = new DocCommandLines.CommandLine(Path.of("x.md"), 1,
        List.of("authorize", "--app", "gmail", "--browser-less"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertParses(bad)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Unknown option");
  }

  @Test
  void givenMissingRequiredOption_whenChecked_thenFails() {
    DocCommandLines.CommandLine bad = new DocCommandLines.CommandLine(Path.of("x.md"), 1,
        List.of("apps", "add", "gmail", "--client-id", "x", "--public"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertParses(bad)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("--provider");
  }

  @Test
  void givenAVerbWhoseArgumentIsAPlainWord_whenChecked_thenTheWordIsParsedAsItsArgument() {
    assertParses(new DocCommandLines.CommandLine(Path.of("x.md"), 1, List.of("completion", "bash")));

    DocCommandLines.CommandLine bad = new DocCommandLines.CommandLine(Path.of("x.md"), 1, List.of("completion", "fish"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertParses(bad)).isInstanceOf(AssertionError.class);
  }

  @Test
  void givenGroupOrUnknownVerb_whenChecked_thenFails() {
    for (List<String> args : List.of(List.of("apps", "--json"), List.of("tokn"))) {
      DocCommandLines.CommandLine bad = new DocCommandLines.CommandLine(Path.of("x.md"), 1, args);

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertParses(bad)).as(args.toString())
          .isInstanceOf(AssertionError.class);
    }
  }
}
