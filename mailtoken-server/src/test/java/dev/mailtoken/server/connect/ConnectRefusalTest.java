package dev.mailtoken.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything that must not connect a mailbox ends on a clear page, and nothing is stored: partial
 * grants, another mailbox, a denied consent, no refresh token, replayed and expired links,
 * callbacks with a wrong or missing state, ended browser sessions, stale forms.
 */
class ConnectRefusalTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ConnectFixture fx;

  private void start(EmulatorMode mode) throws Exception {
    fx = new ConnectFixture(dir, mode);
    logs.forbidAll(fx::secrets);
    fx.addApp(mode == EmulatorMode.MICROSOFT ? "m365" : "gmail");
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private String link(String body) {
    String url = fx.createLink(body).get("url").asText();
    logs.forbid(url.substring(url.indexOf("mtc_")));
    return url;
  }

  private TestBrowser.Page consent(TestBrowser browser, String url, String app) {
    return browser.submit(browser.open(url), app, Map.of());
  }

  private void assertNothingStored() throws Exception {
    assertThat(fx.store.accounts()).isEmpty();
    assertThat(fx.connected).isEmpty();
  }

  @Test
  void givenAPartialGrant_whenThePersonComesBack_thenThePageNamesWhatWasUntickedAndOffersToTryAgain()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    fx.emulator.consent(ConsentDecision.grant(List.of("openid", "email")));
    TestBrowser browser = fx.browser();

    TestBrowser.Page page = consent(browser, link("{}"), "gmail");

    assertThat(page.status()).isEqualTo(422);
    assertThat(page.body()).contains("Some permissions were not allowed")
        .contains("Read, compose, send and permanently delete all your email from Gmail (https://mail.google.com/)")
        .contains("Try again");
    assertNothingStored();

    fx.emulator.consent(ConsentDecision.grantAll());
    TestBrowser.Page again = browser.submit(page, "gmail", Map.of());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(fx.store.account("user@example.com")).isPresent();
  }

  @Test
  void givenAnExpectedMailbox_whenAnotherOneConsents_thenTheGrantIsRevokedNothingStoredAndThePageSaysWhy()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    AccountChooser chooser = fx.chooser("mallory@example.com");
    fx.store.removeApp("gmail");
    fx.addApp("gmail", dev.mailtoken.store.ProviderKind.GOOGLE, Optional.of(chooser.uri()));

    TestBrowser.Page page = consent(fx.browser(chooser), link("{\"expectedMailbox\":\"alice@example.com\"}"), "gmail");

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("That is not the expected mailbox").contains("alice@example.com")
        .contains("mallory@example.com").contains("revoked");
    assertNothingStored();
    assertThat(fx.emulator.requestCount(Endpoint.REVOKE)).isEqualTo(1);
    String revoked = fx.emulator.requests(Endpoint.REVOKE).get(0).param("token").orElseThrow();
    assertThat(fx.emulator.revoke(revoked)).as("already revoked").isFalse();
    assertThat(fx.audit.newest(5, Optional.empty())).anySatisfy(e ->
        assertThat(e.action()).isEqualTo("connect_link.refused"));
  }

  @Test
  void givenTheOtherMailboxIsConnectedWithTheSameApp_whenItConsentsToALinkForSomeoneElse_thenItsGrantIsKept()
      throws Exception {
    start(EmulatorMode.GOOGLE);
    AccountChooser chooser = fx.chooser("mallory@example.com");
    fx.store.removeApp("gmail");
    fx.addApp("gmail", dev.mailtoken.store.ProviderKind.GOOGLE, Optional.of(chooser.uri()));
    consent(fx.browser(chooser), link("{}"), "gmail");
    assertThat(fx.store.account("mallory@example.com")).isPresent();

    TestBrowser.Page page = consent(fx.browser(chooser), link("{\"expectedMailbox\":\"alice@example.com\"}"),
        "gmail");

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("was not revoked, because mallory@example.com is connected here");
    assertThat(fx.emulator.requestCount(Endpoint.REVOKE)).isZero();
    assertThat(fx.store.account("alice@example.com")).isEmpty();
    assertThat(fx.store.account("mallory@example.com").orElseThrow().health())
        .isEqualTo(dev.mailtoken.token.AccountHealth.HEALTHY);
  }

  @Test
  void givenADeniedConsent_whenThePersonComesBack_thenThePageSaysSoAndNothingIsStored() throws Exception {
    start(EmulatorMode.GOOGLE);
    fx.emulator.consent(ConsentDecision.deny());

    TestBrowser.Page page = consent(fx.browser(), link("{}"), "gmail");

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("You did not allow access").contains("Try again");
    assertNothingStored();
    assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isZero();
  }

  @Test
  void givenNoRefreshToken_whenThePersonComesBack_thenThePageExplainsAndTheRetryForcesConsent() throws Exception {
    start(EmulatorMode.MICROSOFT);
    fx.emulator.consent(ConsentDecision.grant(List.of("https://outlook.office.com/SMTP.Send", "openid", "email",
        "profile")));
    TestBrowser browser = fx.browser();

    TestBrowser.Page page = consent(browser, link("{\"app\":\"m365\"}"), "m365");

    assertThat(page.status()).isEqualTo(422);
    assertThat(page.body()).contains("The provider gave no lasting access").contains("refresh token");
    assertNothingStored();
    assertThat(page.form("m365")).containsEntry("consent", "force");

    fx.emulator.consent(ConsentDecision.grantAll());
    TestBrowser.Page again = browser.submit(page, "m365", Map.of());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(fx.emulator.requests(Endpoint.AUTHORIZE).get(1).param("prompt")).hasValue("consent");
    assertThat(fx.emulator.requests(Endpoint.AUTHORIZE).get(0).param("prompt")).isEmpty();
  }

  @Test
  void givenAUsedLink_whenOpenedAgain_thenItIsRefusedAsUsed() throws Exception {
    start(EmulatorMode.GOOGLE);
    String url = link("{}");
    consent(fx.browser(), url, "gmail");

    TestBrowser.Page again = fx.browser().open(url);

    assertThat(again.status()).isEqualTo(410);
    assertThat(again.body()).contains("already used").contains("user@example.com");
    assertThat(again.hasForm()).isFalse();
  }

  @Test
  void givenALinkOpenedInOneBrowser_whenAnotherBrowserOpensIt_thenItIsRefused() throws Exception {
    start(EmulatorMode.GOOGLE);
    String url = link("{}");
    assertThat(fx.browser().open(url).status()).isEqualTo(200);

    TestBrowser.Page other = fx.browser().open(url);

    assertThat(other.status()).isEqualTo(410);
    assertThat(other.body()).contains("already opened").contains("another browser");
  }

  @Test
  void givenAnExpiredLink_whenOpened_thenItIsRefusedAsExpired() throws Exception {
    start(EmulatorMode.GOOGLE);
    String url = link("{\"ttl\":\"PT10M\"}");
    fx.clock.advance(Duration.ofMinutes(10));

    TestBrowser.Page page = fx.browser().open(url);

    assertThat(page.status()).isEqualTo(410);
    assertThat(page.body()).contains("This connect link has expired");
  }

  @Test
  void givenAnUnknownLink_whenOpened_thenNotFound() throws Exception {
    start(EmulatorMode.GOOGLE);

    TestBrowser.Page page = fx.browser().open(fx.base() + "/connect?token=mtc_forged");

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("This connect link is not valid");
  }

  @Test
  void givenACallbackWithoutOrWithAWrongState_whenReceived_thenRefusedAndNothingExchanged() throws Exception {
    start(EmulatorMode.GOOGLE);
    TestBrowser browser = fx.browser();
    browser.open(link("{}"));

    TestBrowser.Page missing = browser.open(fx.base() + "/connect/callback?code=4%2F0Aforged");
    TestBrowser.Page wrong = browser.open(fx.base() + "/connect/callback?code=4%2F0Aforged&state=forged");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("has no state");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("belongs to no sign-in in progress");
    assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isZero();
    assertNothingStored();
  }

  @Test
  void givenTheProvidersAnswer_whenReplayed_thenTheSecondIsRefused() throws Exception {
    start(EmulatorMode.GOOGLE);
    TestBrowser browser = fx.browser();
    consent(browser, link("{}"), "gmail");
    URI callback = browser.visited.stream().filter(u -> u.getPath().equals("/connect/callback")).findFirst()
        .orElseThrow();

    TestBrowser.Page replay = browser.open(callback.toString());

    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.body()).contains("already used");
    assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    assertThat(fx.connected).hasSize(1);
  }

  @Test
  void givenTheBrowserSessionEnded_whenTheProvidersAnswerArrives_thenRefusedAndNothingExchanged() throws Exception {
    start(EmulatorMode.GOOGLE);
    TestBrowser browser = fx.browser();
    TestBrowser.Page choose = browser.open(link("{}"));
    String provider = startWithoutFollowing(browser, choose);
    browser.forgetCookies();

    TestBrowser.Page page = browser.open(provider);

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("Your browser session for this link has ended");
    assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isZero();
    assertNothingStored();
  }

  @Test
  void givenMoreThanFifteenMinutesAtTheProvider_whenTheAnswerArrives_thenRefusedWithTryAgain() throws Exception {
    start(EmulatorMode.GOOGLE);
    TestBrowser browser = fx.browser();
    String provider = startWithoutFollowing(browser, browser.open(link("{}")));
    fx.clock.advance(Duration.ofMinutes(15));

    TestBrowser.Page page = browser.open(provider);

    assertThat(page.status()).isEqualTo(410);
    assertThat(page.body()).contains("That took too long").contains("Try again");
    assertThat(fx.emulator.requestCount(Endpoint.TOKEN)).isZero();
    assertNothingStored();
  }

  @Test
  void givenAStartFormWithoutItsFormToken_whenPosted_thenRefusedAsStale() throws Exception {
    start(EmulatorMode.GOOGLE);
    TestBrowser browser = fx.browser();
    TestBrowser.Page choose = browser.open(link("{}"));

    TestBrowser.Page page = browser.submit(choose, "gmail", Map.of("form_token", "0000"));

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("This form has expired");
    assertThat(fx.emulator.requestCount(Endpoint.AUTHORIZE)).isZero();
  }

  /** Posts the start form and returns the provider URL the browser was sent to, without going there. */
  private String startWithoutFollowing(TestBrowser browser, TestBrowser.Page choose) {
    TestBrowser limited = browser;
    Map<String, String> form = choose.form("gmail");
    URI action = choose.uri().resolve(form.remove("(action)"));
    TestBrowser.Page sent = limited.postNoFollow(action, form);
    assertThat(sent.status()).isEqualTo(303);
    return sent.leftTo().orElseThrow().toString();
  }
}
