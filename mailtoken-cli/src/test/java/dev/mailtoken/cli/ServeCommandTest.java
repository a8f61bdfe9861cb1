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

  /** A {@code mailtoken serve} running on its own thread, stopped by an interrupt. */
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
      await().atMost(Duration.ofSeconds(30)).until(() -> URL.matcher(out.toString()).find() || !thread.isAlive());
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
