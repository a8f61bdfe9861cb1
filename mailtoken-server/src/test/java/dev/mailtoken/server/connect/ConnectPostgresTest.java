package dev.mailtoken.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connect tables' conditional updates on PostgreSQL, as on SQLite: a mailbox connects, an answer counts once. */
class ConnectPostgresTest {
  private static EmbeddedPostgres postgres;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder()
          // The default 10 s is too short on a loaded 2-core CI machine (seen: initdb alone took longer).
          .setPGStartupWait(java.time.Duration.ofSeconds(90))
          .start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private static String newDatabase() throws Exception {
    String name = "connect_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  @Test
  void givenPostgres_whenAPersonConnectsAndTheAnswerIsReplayed_thenOneAccountAndTheReplayRefused() throws Exception {
    try (ConnectFixture fx = new ConnectFixture(newDatabase(), EmulatorMode.GOOGLE, b -> { })) {
      logs.forbidAll(fx::secrets);
      fx.addApp("gmail");
      TestBrowser browser = fx.browser();
      String url = fx.createLink("{\"expectedMailbox\":\"alice@example.com\"}").get("url").asText();
      logs.forbid(url.substring(url.indexOf("mtc_")));

      TestBrowser.Page done = browser.submit(browser.open(url), "gmail", Map.of());
      URI answer = browser.visited.stream().filter(u -> u.getPath().equals("/connect/callback")).findFirst()
          .orElseThrow();
      TestBrowser.Page replay = browser.open(answer.toString());

      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(fx.store.account("alice@example.com")).isPresent();
      assertThat(replay.status()).isEqualTo(409);
      assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
      assertThat(fx.browser().open(url).status()).as("the link in another browser").isEqualTo(410);
    }
  }
}
