package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mailtoken.mail.SendResult;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CustomCallbackGrant}: the callback asks a token service (a real HTTP server on loopback,
 * handing out tokens the provider emulator issued) and the mail goes out with its token.
 */
class CustomCallbackGrantTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  @TempDir Path dir;

  private ExampleRig rig;
  private HttpServer tokenService;
  /** The query of every call the service answered, in order. */
  private final List<String> calls = new CopyOnWriteArrayList<>();
  /** Tokens the service hands out before fresh ones (for the renew case). */
  private final List<String> queued = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    rig = ExampleRig.google(dir, logs);
    tokenService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tokenService.createContext("/token", exchange -> {
      calls.add(exchange.getRequestURI().getQuery());
      String token = queued.isEmpty() ? rig.provider.issueAccessToken(ExampleRig.CLIENT_ID, "alice@gmail.com",
          List.of("https://mail.google.com/")) : queued.remove(0);
      byte[] body = ("{\"access_token\":\"" + token + "\",\"expires_in\":3599}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    tokenService.start();
  }

  @AfterEach
  void stop() {
    tokenService.stop(0);
    rig.close();
  }

  @Test
  void givenATokenService_whenTheExampleRuns_thenTheMessageIsSentWithTheTokenItHandedOut() throws Exception {
    SendResult sent = CustomCallbackGrant.run(args());

    assertThat(sent.account()).isEqualTo("alice@gmail.com");
    assertThat(calls).containsExactly("account=alice@gmail.com&renew=false");
    assertThat(rig.smtp.messages()).singleElement().satisfies(m ->
        assertThat(m.authenticatedUser()).isEqualTo("alice@gmail.com"));
  }

  @Test
  void givenTheServiceHandsOutARevokedToken_whenTheExampleRuns_thenItIsAskedAgainWithRenewAndTheMessageIsSent()
      throws Exception {
    String revoked = rig.provider.issueAccessToken(ExampleRig.CLIENT_ID, "alice@gmail.com",
        List.of("https://mail.google.com/"));
    rig.provider.revoke(revoked);
    queued.add(revoked);

    CustomCallbackGrant.run(args());

    assertThat(calls).containsExactly("account=alice@gmail.com&renew=false", "account=alice@gmail.com&renew=true");
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  private ExampleArgs args() {
    return rig.args("--token-service", "http://127.0.0.1:" + tokenService.getAddress().getPort() + "/token",
        "--from", "alice@gmail.com", "--to", "bob@example.org");
  }
}
