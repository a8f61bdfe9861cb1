package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The loopback listener answers stray requests with an error page and keeps waiting for the right state. */
class LoopbackStrayRequestTest {
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
  void givenStrayRequestsBeforeTheCallback_whenWaiting_thenEachGetsAnErrorPageAndTheRealCallbackWins() {
    StrayThenRealBrowser browser = new StrayThenRealBrowser();
    cli.browser = browser;

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized alice@example.com");
    List<HttpResponse<String>> stray = browser.strayAnswers;
    assertThat(stray).extracting(HttpResponse::statusCode).containsExactly(404, 400, 400, 400);
    assertThat(stray.get(1).body()).contains("Not the answer mailtoken is waiting for", "still waiting");
    assertThat(browser.realAnswer.join().body()).contains("account connected");
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  /**
   * Plays a browser and a noisy neighbour: a favicon request, a callback without state, one with a
   * stranger's state and code, one with an empty state; then the real consent.
   */
  static final class StrayThenRealBrowser implements Browser {
    final List<HttpResponse<String>> strayAnswers = new CopyOnWriteArrayList<>();
    final CompletableFuture<HttpResponse<String>> realAnswer = new CompletableFuture<>();

    @Override
    public boolean open(URI uri) {
      CompletableFuture.runAsync(() -> {
        try {
          HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
          String callback = redirectUri(uri);
          String base = callback.substring(0, callback.indexOf("/", "http://".length()));
          for (String stray : List.of(base + "/favicon.ico", callback, callback + "?code=4%2Fstolen&state=someone-else",
              callback + "?code=x&state=")) {
            strayAnswers.add(http.send(HttpRequest.newBuilder(URI.create(stray)).build(),
                HttpResponse.BodyHandlers.ofString()));
          }
          realAnswer.complete(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | InterruptedException | RuntimeException e) {
          realAnswer.completeExceptionally(e);
        }
      });
      return true;
    }

    private static String redirectUri(URI consent) {
      for (String pair : consent.getRawQuery().split("&")) {
        if (pair.startsWith("redirect_uri=")) {
          return URLDecoder.decode(pair.substring("redirect_uri=".length()), StandardCharsets.UTF_8);
        }
      }
      throw new AssertionError("no redirect_uri in " + consent);
    }
  }
}
