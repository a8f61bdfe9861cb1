package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("(mtk_[A-Za-z0-9_-]+)");

  @TempDir
  Path home;

  CliFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = CliFixture.google(home);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** A {@code mailtoken serve} running on its own thread once it printed its whole announcement, stopped by an interrupt. */
  private final class Serving {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicInteger exit = new AtomicInteger(-1);
    final Thread thread;
    final URI url;

    Serving(String... args) {
      CliContext context = new CliContext(fixture.env, fixture.clock, SecretReader.none(), fixture.browser,
          Optional.empty());
      thread = new Thread(() -> exit.set(new Main(context).commandLine(new PrintWriter(out, true),
          new PrintWriter(err, true)).execute(args)));
      thread.start();
      // The announcement ends with this line; reading before it races the lines in between.
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Stop with Ctrl-C.")
          || !thread.isAlive());
      Matcher m = URL.matcher(out.toString());
      assertThat(m.find()).as("serve printed its URL: " + out + err).isTrue();
      url = URI.create(m.group(1));
    }

    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(30_000);
      return exit.get();
    }
  }

  @Test
  void givenAFreshHome_whenServing_thenTheUrlAndOnceAnAdminTokenArePrintedAndTheServerAnswers() throws Exception {
    Serving first = new Serving("serve", "--port", "0");
    String admin = firstToken(first.out.toString());
    HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        first.url.resolve("/v1/api-tokens")).header("Authorization", "Bearer " + admin).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(tokens.statusCode()).isEqualTo(200);
    assertThat(first.stop()).isEqualTo(0);
    assertThat(first.out.toString()).contains("mailtoken server stopped");

    Serving second = new Serving("serve", "--port", "0");
    assertThat(second.out.toString()).doesNotContain("mtk_");
    assertThat(second.stop()).isEqualTo(0);
  }

  @Test
  void givenDemo_whenServing_thenTheEmulatorsRunTheDemoAppExistsAndTheAdminTokenWorks() throws Exception {
    Serving demo = new Serving("serve", "--demo", "--port", "0");
    String out = demo.out.toString();
    String admin = firstToken(out);
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> app = http.send(HttpRequest.newBuilder(demo.url.resolve("/v1/apps/demo"))
        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(demo.url.resolve("/login")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(app.statusCode()).as(app.body()).isEqualTo(200);
    assertThat(app.body()).contains("\"provider\":\"GOOGLE\"").contains("\"tokenEndpoint\":\"http://127.0.0.1:")
        .contains(demo.url + "/connect/callback").contains("\"clientSecretSet\":true");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(out).contains("/login").contains("/v1/connect-links").contains("demo@example.com")
        .contains("Stop with Ctrl-C.");
    Matcher store = Pattern.compile("store: (\\S+) \\(temporary").matcher(out);
    assertThat(store.find()).as(out).isTrue();
    assertThat(demo.stop()).isEqualTo(0);
    assertThat(Path.of(store.group(1))).doesNotExist();
    assertThat(home.resolve("mailtoken.db")).as("the user's own store is left alone").doesNotExist();
  }

  /** SIGTERM (what Ctrl-C and service managers send) in a JVM of its own: the shutdown hook path. */
  @Test
  void givenDemoInItsOwnProcess_whenSigtermArrives_thenItStopsGracefullyAndDeletesItsTemporaryStore()
      throws Exception {
    Path output = home.resolve("serve.out");
    Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--demo", "--port", "0")
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> java.nio.file.Files.readString(output).contains("Stop with"));
      Matcher store = Pattern.compile("store: (\\S+) \\(temporary").matcher(java.nio.file.Files.readString(output));
      assertThat(store.find()).isTrue();
      assertThat(Path.of(store.group(1))).exists();

      serve.destroy();

      assertThat(serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(java.nio.file.Files.readString(output)).contains("mailtoken server stopped");
      assertThat(Path.of(store.group(1))).doesNotExist();
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  void givenANonLoopbackHostWithoutTls_whenServing_thenExit5WithWhatToDo() {
    CliRun r = fixture.run("serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("without TLS").contains("trusted-proxies");
  }

  @Test
  void givenAnUnknownSetting_whenServing_thenExit5NamingIt() {
    CliRun r = fixture.run("serve", "--set", "prot=1");
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("\"prot\"");
  }

  private static String firstToken(String out) {
    Matcher m = TOKEN.matcher(out);
    assertThat(m.find()).as("an admin token in: " + out).isTrue();
    return m.group(1);
  }
}
