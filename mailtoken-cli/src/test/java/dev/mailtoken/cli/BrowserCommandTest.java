package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code $BROWSER} and {@code --browser}: small scripts play the browser; no real browser is started. */
class BrowserCommandTest {
  private static final String URL = "http://127.0.0.1:4711/auth?a=1&b=%20x";

  @TempDir
  Path home;

  @TempDir
  Path scripts;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    cli.browser = Browser.none();   // the context's browser must not be the one that opens
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** A script that writes its arguments, one per line, to {@code record}, then exits with {@code status}. */
  private Path script(String name, Path record, int status) throws IOException {
    Path script = scripts.resolve(name);
    Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + record + "'\nexit "
        + status + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /** Waits for the script's record (another process writes it), then visits the URL, its last argument. */
  private static CompletableFuture<HttpResponse<String>> visitWhenRecorded(Path record) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        Instant giveUp = Instant.now().plusSeconds(20);
        while (!Files.exists(record) || Files.readString(record).isBlank()) {
          if (Instant.now().isAfter(giveUp)) {
            throw new IllegalStateException("the browser script never ran");
          }
          Thread.sleep(20);   // another process is writing it: nothing to wait on but the file
        }
        List<String> args = Files.readAllLines(record);
        URI url = URI.create(args.get(args.size() - 1));
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void givenBrowserVariable_whenAuthorizing_thenItsCommandOpensTheUrlAndConsentCompletes() throws IOException {
    Path record = scripts.resolve("opened.txt");
    cli.env.put("BROWSER", script("record", record, 0).toString());
    CompletableFuture<HttpResponse<String>> visit = visitWhenRecorded(record);

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("(opened your browser)");
    assertThat(Files.readAllLines(record)).singleElement().asString().startsWith(
        cli.provider.authorizationEndpoint().toString());
    assertThat(visit.join().body()).contains("account connected");
  }

  @Test
  void givenBrowserListWhoseFirstCommandFails_whenAuthorizing_thenTheNextOneIsTried() throws IOException {
    Path failed = scripts.resolve("failed.txt");
    Path record = scripts.resolve("opened.txt");
    cli.env.put("BROWSER", script("broken", failed, 3) + ":" + scripts.resolve("missing") + ":"
        + script("record", record, 0) + " --new-window %s");
    CompletableFuture<HttpResponse<String>> visit = visitWhenRecorded(record);

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("browser command " + scripts.resolve("broken") + " failed (exit status 3)",
        "cannot run browser command " + scripts.resolve("missing"), "(opened your browser)");
    assertThat(Files.readAllLines(record).get(0)).isEqualTo("--new-window");
    assertThat(visit.join().statusCode()).isEqualTo(200);
  }

  @Test
  void givenOnlyFailingBrowserCommands_whenAuthorizing_thenItNeverClaimsToHaveOpenedABrowser() throws IOException {
    cli.env.put("BROWSER", script("broken", scripts.resolve("failed.txt"), 1).toString());

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "300ms");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("failed (exit status 1)", "Open this URL").doesNotContain("opened your browser");
  }

  @Test
  void givenBrowserOptionAndVariable_whenAuthorizing_thenTheOptionWins() throws IOException {
    Path fromVariable = scripts.resolve("variable.txt");
    Path fromOption = scripts.resolve("option.txt");
    cli.env.put("BROWSER", script("variable", fromVariable, 0).toString());
    CompletableFuture<HttpResponse<String>> visit = visitWhenRecorded(fromOption);

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s",
        "--browser", script("option", fromOption, 0) + " %s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(visit.join().statusCode()).isEqualTo(200);
    assertThat(fromVariable).doesNotExist();
  }

  @Test
  void givenNoBrowser_whenBrowserVariableIsSet_thenNothingIsRun() throws IOException {
    Path record = scripts.resolve("opened.txt");
    cli.env.put("BROWSER", script("record", record, 0).toString());

    CliRun r = cli.run("authorize", "--app", "test", "--no-browser", "--timeout", "200ms");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(record).doesNotExist();
  }

  @Test
  void givenPlaceholders_whenExpanded_thenUrlIsOneArgumentWhereverPercentSStands() {
    assertThat(CommandBrowser.argv("firefox --new-window %s", URL)).containsExactly("firefox", "--new-window", URL);
    assertThat(CommandBrowser.argv("w3m", URL)).containsExactly("w3m", URL);
    assertThat(CommandBrowser.argv("'/opt/My Browser/run' --url=%s", URL))
        .containsExactly("/opt/My Browser/run", "--url=" + URL);
    assertThat(CommandBrowser.argv("echo 100%% %c%s", URL)).containsExactly("echo", "100%", ":" + URL);
    assertThat(CommandBrowser.argv("lynx \"-title=a b\"", URL)).containsExactly("lynx", "-title=a b", URL);
  }

  @Test
  void givenCommandStillRunningAfterTheGracePeriod_whenOpening_thenItCountsAsStarted() throws IOException {
    Path script = scripts.resolve("stays-open");
    Files.writeString(script, "#!/bin/sh\nexec sleep 3\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    StringWriter err = new StringWriter();

    boolean opened = new CommandBrowser(List.of(script.toString()), Duration.ofMillis(200), new PrintWriter(err))
        .open(URI.create(URL));

    assertThat(opened).isTrue();
    assertThat(err.toString()).isEmpty();
  }
}
