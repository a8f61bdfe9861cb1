package dev.mailtoken.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.audit.AuditEntry;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.RecordedRequest;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccountHealth;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A person connects a mailbox through a connect link: Google, Microsoft, OpenID Connect; new and reconnected. */
class ConnectMailboxTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ConnectFixture fx;

  private ConnectFixture start(EmulatorMode mode) throws Exception {
    fx = new ConnectFixture(dir, mode);
    logs.forbidAll(fx::secrets);
    return fx;
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private TestBrowser.Page connect(TestBrowser browser, String url, String app) {
    TestBrowser.Page choose = browser.open(url);
    assertThat(choose.status()).as(choose.body()).isEqualTo(200);
    return browser.submit(choose, app, Map.of());
  }

  private String url(JsonNode created) {
    String url = created.get("url").asText();
    logs.forbid(url.substring(url.indexOf("mtc_")));
    return url;
  }

  @Test
  void givenAGoogleLink_whenThePersonConsents_thenTheAccountIsStoredAndTheSuccessPageNamesIt() throws Exception {
    start(EmulatorMode.GOOGLE).addApp("gmail");
    String url = url(fx.createLink("{\"expectedMailbox\":\"alice@example.com\"}"));

    TestBrowser browser = fx.browser();
    TestBrowser.Page done = connect(browser, url, "gmail");

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("Mailbox connected").contains("alice@example.com");
    StoredAccount account = fx.store.account("alice@example.com").orElseThrow();
    assertThat(account.appName()).isEqualTo("gmail");
    assertThat(account.hasRefreshToken()).isTrue();
    assertThat(account.grantedScopes()).contains("https://mail.google.com/");
    RecordedRequest authorize = fx.emulator.requests(Endpoint.AUTHORIZE).get(0);
    assertThat(authorize.param("access_type")).hasValue("offline");
    assertThat(authorize.param("prompt")).hasValue("consent");
    assertThat(authorize.param("code_challenge_method")).hasValue("S256");
    assertThat(authorize.param("login_hint")).hasValue("alice@example.com");
    assertThat(authorize.param("redirect_uri")).hasValue(fx.base() + "/connect/callback");
    assertThat(fx.connected).singleElement().satisfies(e -> {
      assertThat(e.account()).isEqualTo("alice@example.com");
      assertThat(e.reconnected()).isFalse();
    });
    List<AuditEntry> audit = fx.audit.newest(10, Optional.empty());
    assertThat(audit).filteredOn(e -> e.action().equals("connect_link.used")).singleElement()
        .satisfies(e -> assertThat(e.detail()).startsWith("connected alice@example.com (app gmail"));
  }

  @Test
  void givenAMicrosoftLink_whenThePersonConsents_thenOfflineAccessIsAskedAndTheAccountStored() throws Exception {
    start(EmulatorMode.MICROSOFT).addApp("m365");
    String url = url(fx.createLink("{\"app\":\"m365\"}"));

    TestBrowser.Page done = connect(fx.browser(), url, "m365");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    String scope = fx.emulator.requests(Endpoint.AUTHORIZE).get(0).param("scope").orElseThrow();
    assertThat(scope.split(" ")).contains("offline_access", "https://outlook.office.com/SMTP.Send", "openid",
        "profile");
    StoredAccount account = fx.store.account("user@example.com").orElseThrow();
    assertThat(account.appName()).isEqualTo("m365");
    assertThat(account.hasRefreshToken()).isTrue();
  }

  @Test
  void givenAnOpenIdApp_whenItHasNoAuthorizationEndpoint_thenItIsDiscoveredFromTheIssuer() throws Exception {
    start(EmulatorMode.GENERIC);
    fx.store.addApp(new dev.mailtoken.store.StoredApp("corp", ProviderKind.OIDC, Optional.empty(),
        Optional.of(fx.emulator.issuer()), fx.emulator.tokenEndpoint(), Optional.empty(), Optional.empty(),
        Optional.empty(), ConnectFixture.CLIENT_ID, Optional.of(dev.mailtoken.Secret.of(ConnectFixture.CLIENT_SECRET)),
        Optional.empty(), List.of("mail"), Optional.empty(), 587));
    String url = url(fx.createLink("{}"));

    TestBrowser.Page done = connect(fx.browser(), url, "corp");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(fx.emulator.requestCount(Endpoint.DISCOVERY)).isPositive();
    assertThat(fx.store.account("user@example.com")).isPresent();
  }

  @Test
  void givenAProviderWithoutIdTokens_whenThePersonConsents_thenTheMailboxComesFromUserinfo() throws Exception {
    start(EmulatorMode.GENERIC);
    fx.store.addApp(new dev.mailtoken.store.StoredApp("plain", ProviderKind.CUSTOM, Optional.empty(),
        Optional.empty(), fx.emulator.tokenEndpoint(), Optional.of(fx.emulator.authorizationEndpoint()),
        Optional.empty(), Optional.of(fx.emulator.userinfoEndpoint()), ConnectFixture.CLIENT_ID,
        Optional.of(dev.mailtoken.Secret.of(ConnectFixture.CLIENT_SECRET)), Optional.empty(), List.of("mail"),
        Optional.empty(), 587));
    String url = url(fx.createLink("{\"app\":\"plain\"}"));

    TestBrowser.Page done = connect(fx.browser(), url, "plain");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(fx.emulator.requestCount(Endpoint.USERINFO)).isEqualTo(1);
    assertThat(fx.store.account("user@example.com")).isPresent();
  }

  @Test
  void givenAReturnUrl_whenConnected_thenTheBrowserGoesThereWithTheAccount() throws Exception {
    start(EmulatorMode.GOOGLE).addApp("gmail");
    String url = url(fx.createLink("{\"returnUrl\":\"" + ConnectFixture.RETURN_BASE + "done?tenant=7\"}"));

    TestBrowser.Page done = connect(fx.browser(), url, "gmail");

    assertThat(done.status()).isEqualTo(303);
    assertThat(done.leftTo()).hasValue(URI.create(ConnectFixture.RETURN_BASE
        + "done?tenant=7&account=user%40example.com&status=connected"));
  }

  @Test
  void givenAnAccountNeedingReauthorization_whenReconnected_thenItIsUpdatedInPlaceAndHealthy() throws Exception {
    start(EmulatorMode.GOOGLE).addApp("gmail");
    connect(fx.browser(), url(fx.createLink("{}")), "gmail");
    fx.store.markReauthorizationRequired("user@example.com", "invalid_grant: Token has been expired or revoked.");
    StoredAccount before = fx.store.account("user@example.com").orElseThrow();
    assertThat(before.health()).isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
    fx.clock.advance(java.time.Duration.ofDays(3));

    TestBrowser.Page done = connect(fx.browser(),
        url(fx.createLink("{\"app\":\"gmail\",\"expectedMailbox\":\"user@example.com\"}")), "gmail");

    assertThat(done.body()).contains("Mailbox reconnected");
    StoredAccount after = fx.store.account("user@example.com").orElseThrow();
    assertThat(after.health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(fx.connected).extracting(AccountConnected::reconnected).containsExactly(false, true);
    assertThat(fx.audit.newest(10, Optional.empty())).filteredOn(e -> e.action().equals("connect_link.used"))
        .extracting(e -> e.detail().split(" ")[0]).containsExactly("reconnected", "connected");
  }

  @Test
  void givenAConnectedLink_whenItsStatusIsRead_thenItSaysConnectedWithTheAccountAndNoSecret() throws Exception {
    start(EmulatorMode.GOOGLE).addApp("gmail");
    JsonNode created = fx.createLink("{}");
    connect(fx.browser(), url(created), "gmail");

    JsonNode link = Http.json(fx.http.get("/v1/connect-links/" + created.get("connectLink").get("id").asText(),
        fx.token));

    assertThat(link.get("status").asText()).isEqualTo("CONNECTED");
    assertThat(link.get("account").asText()).isEqualTo("user@example.com");
    assertThat(link.toString()).doesNotContain("mtc_");
  }
}
