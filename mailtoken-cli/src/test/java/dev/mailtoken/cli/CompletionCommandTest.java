package dev.mailtoken.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailtoken completion bash|zsh}: the script is printed, bash accepts it, and once sourced
 * its completion function completes verbs and subcommands. The function is called the way bash
 * calls it on TAB (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT set; COMPREPLY read back), in a
 * non-interactive bash of its own.
 */
class CompletionCommandTest {
  private static final Pattern COMPLETE_LINE = Pattern.compile("(?m)^complete -F (\\S+) .*\\bmailtoken\\b");

  @TempDir
  Path dir;

  @Test
  void givenBash_whenCompletionRuns_thenItPrintsACompletionScriptForMailtoken() {
    CliRun r = run("completion", "bash");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").containsPattern(COMPLETE_LINE);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void givenTheBashScript_whenCheckedByBashNoExec_thenItIsValidBash() throws Exception {
    Path script = Files.writeString(dir.resolve("mailtoken.bash"), run("completion", "bash").out());

    Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), UTF_8);

    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
  }

  @Test
  void givenTheSourcedScript_whenAPrefixOfAVerbIsCompleted_thenTheVerbsStartingWithItAreOffered() throws Exception {
    assertThat(complete("mailtoken", "to")).containsExactly("token");
    assertThat(complete("mailtoken", "com")).containsExactly("completion");
    assertThat(complete("mailtoken", "a")).contains("apps", "authorize", "accounts", "api-tokens");
  }

  @Test
  void givenTheSourcedScript_whenASubcommandOfAGroupIsCompleted_thenItsSubcommandsAreOffered() throws Exception {
    assertThat(complete("mailtoken", "keys", "r")).containsExactlyInAnyOrder("rotate", "retire");
  }

  @Test
  void givenTheSourcedScript_whenTheShellArgumentIsCompleted_thenBashAndZshAreOffered() throws Exception {
    assertThat(complete("mailtoken", "completion", "")).contains("bash", "zsh");
  }

  @Test
  void givenZsh_whenCompletionRuns_thenTheSameScriptLoadsBashcompinitForZsh() {
    String zsh = run("completion", "zsh").out();

    assertThat(zsh).isEqualTo(run("completion", "bash").out()).contains("ZSH_VERSION", "bashcompinit");
  }

  @Test
  void givenAnUnknownShell_whenCompletionRuns_thenUsageErrorNamingTheChoices() {
    CliRun r = run("completion", "fish");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("fish").containsIgnoringCase("bash").containsIgnoringCase("zsh");
  }

  /** The words bash offers after TAB on {@code words} (the last is the word being completed). */
  private List<String> complete(String... words) throws IOException, InterruptedException {
    String out = run("completion", "bash").out();
    Matcher m = COMPLETE_LINE.matcher(out);
    assertThat(m.find()).as("the script registers a completion function").isTrue();
    Path script = Files.writeString(dir.resolve("mailtoken.bash"), out);
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append('\'');
    }
    String line = String.join(" ", words);
    String driver = "source '" + script + "'\n"
        + "COMP_WORDS=(" + array + " )\n"
        + "COMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE='" + line + "'\n"
        + "COMP_POINT=" + line.length() + "\n"
        + m.group(1) + " mailtoken '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("bash", "-c", driver).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(bash.getInputStream().readAllBytes(), UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("MAILTOKEN_HOME", dir.resolve("home").toString()),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), SecretReader.none(), Browser.none(),
        Optional.empty());
    int code = new Main(context).commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
