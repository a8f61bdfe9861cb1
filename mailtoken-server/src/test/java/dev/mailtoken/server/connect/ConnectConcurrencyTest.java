package dev.mailtoken.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The provider's answer counts once, whichever node of a cluster on one database receives it. */
class ConnectConcurrencyTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  /** Posts the start form on {@code page}, lets the emulator consent, and returns the callback URL, not yet visited. */
  private static URI callback(TestBrowser browser, TestBrowser.Page page, String app) {
    Map<String, String> form = page.form(app);
    URI action = page.uri().resolve(form.remove("(action)"));
    URI provider = browser.postNoFollow(action, form).leftTo().orElseThrow();
    return browser.getNoFollow(provider).leftTo().orElseThrow();
  }

  @Test
  void givenTheSameAnswer_whenEightRequestsRaceWithIt_thenOneConnectsAndTheCodeIsExchangedOnce() throws Exception {
    try (ConnectFixture fx = new ConnectFixture(dir, EmulatorMode.GOOGLE)) {
      logs.forbidAll(fx::secrets);
      fx.addApp("gmail");
      TestBrowser browser = fx.browser();
      String url = fx.createLink("{}").get("url").asText();
      logs.forbid(url.substring(url.indexOf("mtc_")));
      URI answer = callback(browser, browser.open(url), "gmail");
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        statuses.add(pool.submit(() -> {
          go.await();
          return browser.open(answer.toString()).status();
        }));
      }

      go.countDown();

      List<Integer> got = new ArrayList<>();
      for (Future<Integer> f : statuses) {
        got.add(f.get());
      }
      pool.shutdown();
      assertThat(got).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
      assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
      assertThat(fx.connected).hasSize(1);
    }
  }

  @Test
  void givenTwoNodesOnOneDatabase_whenTheAnswerArrivesAtTheOtherNode_thenThatNodeConnectsTheMailbox()
      throws Exception {
    try (ServerFixture fixture = new ServerFixture(dir);
        ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(fixture.clock).build()
            .start()) {
      logs.forbidAll(emulator::issuedSecrets);
      MailtokenServer a = fixture.start();
      MailtokenServer b = fixture.start();
      emulator.registerClient(ClientRegistration.confidential("web", "web-secret-0123456789")
          .redirectUri(a.url() + "/connect/callback").build());
      CredentialStore store = fixture.store();
      store.addApp(new StoredApp("gmail", ProviderKind.GOOGLE, Optional.empty(), Optional.of(emulator.issuer()),
          emulator.tokenEndpoint(), Optional.of(emulator.authorizationEndpoint()),
          Optional.of(emulator.revocationEndpoint()), Optional.of(emulator.userinfoEndpoint()), "web",
          Optional.of(Secret.of("web-secret-0123456789")), Optional.empty(), List.of("https://mail.google.com/"),
          Optional.empty(), 587));
      String admin = a.firstAdminToken().orElseThrow().value().reveal();
      logs.forbid(admin, "web-secret-0123456789");
      String url = Http.json(new Http(a.url()).postJson("/v1/connect-links", admin, "{}")).get("url").asText();
      logs.forbid(url.substring(url.indexOf("mtc_")));
      TestBrowser browser = new TestBrowser(Set.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port(),
          "127.0.0.1:" + emulator.baseUri().getPort()));
      URI atA = callback(browser, browser.open(url), "gmail");

      TestBrowser.Page done = browser.open(atA.toString().replace(":" + a.port() + "/", ":" + b.port() + "/"));

      assertThat(done.uri().getPort()).isEqualTo(b.port());
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(store.account("user@example.com")).isPresent();
    }
  }
}
