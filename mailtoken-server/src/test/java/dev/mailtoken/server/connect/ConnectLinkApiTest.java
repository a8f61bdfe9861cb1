package dev.mailtoken.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.Http;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/connect-links} and {@code GET /v1/connect-links/{id}}: who may, and what is accepted. */
class ConnectLinkApiTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ConnectFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new ConnectFixture(dir, EmulatorMode.GOOGLE);
    logs.forbidAll(fx::secrets);
    fx.addApp("gmail");
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private String apiToken(String body) {
    HttpResponse<String> r = fx.http.postJson("/v1/api-tokens", fx.token, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String t = Http.json(r).get("token").asText();
    logs.forbid(t);
    return t;
  }

  private HttpResponse<String> create(String bearer, String body) {
    HttpResponse<String> r = fx.http.postJson("/v1/connect-links", bearer, body);
    if (r.statusCode() == 201) {
      String url = Http.json(r).get("url").asText();
      logs.forbid(url.substring(url.indexOf("mtc_")));
    }
    return r;
  }

  @Test
  void givenTheConnectScope_whenALinkIsCreated_then201WithItsUrlOnceAndThenOnlyItsStatus() {
    String connect = apiToken("{\"name\":\"crm\",\"scopes\":[\"connect\"]}");

    HttpResponse<String> r = create(connect, "{\"app\":\"gmail\",\"expectedMailbox\":\"alice@example.com\","
        + "\"ttl\":\"PT30M\"}");

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode created = Http.json(r);
    assertThat(created.get("url").asText()).startsWith(fx.base() + "/connect?token=mtc_");
    JsonNode link = created.get("connectLink");
    assertThat(link.get("status").asText()).isEqualTo("PENDING");
    assertThat(link.get("expiresAt").asText()).isEqualTo(ConnectFixture.START.plusSeconds(1800).toString());
    JsonNode read = Http.json(fx.http.get("/v1/connect-links/" + link.get("id").asText(), connect));
    assertThat(read.get("expectedMailbox").asText()).isEqualTo("alice@example.com");
    assertThat(read.toString()).doesNotContain("mtc_").doesNotContain("url");
  }

  @Test
  void givenNoCredentialsOrAnotherScope_whenCreating_then401Or403() {
    String reader = apiToken("{\"name\":\"reader\",\"scopes\":[\"accounts:read\"]}");

    assertThat(create(null, "{}").statusCode()).isEqualTo(401);
    HttpResponse<String> forbidden = create(reader, "{}");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(Http.json(forbidden).get("detail").asText()).contains("connect");
  }

  @Test
  void givenATokenBoundToAccounts_whenCreating_thenOnlyLinksExpectingOneOfThemAreAllowed() {
    String bound = apiToken("{\"name\":\"alice only\",\"scopes\":[\"connect\"],\"accounts\":[\"alice@example.com\"]}");

    assertThat(create(bound, "{}").statusCode()).isEqualTo(403);
    assertThat(create(bound, "{\"expectedMailbox\":\"bob@example.com\"}").statusCode()).isEqualTo(403);
    assertThat(create(bound, "{\"expectedMailbox\":\"alice@example.com\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void givenAnUnknownApp_whenCreating_then422NamingTheAppsThatCan() {
    HttpResponse<String> r = create(fx.token, "{\"app\":\"nope\"}");

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Http.json(r).get("detail").asText()).contains("no app named nope").contains("gmail");
  }

  @Test
  void givenAReturnUrl_whenItIsNotUnderAnAllowedPrefix_then422NamingTheSetting() {
    HttpResponse<String> lookalike = create(fx.token, "{\"returnUrl\":\"http://127.0.0.1:9/crmx/done\"}");
    HttpResponse<String> otherHost = create(fx.token, "{\"returnUrl\":\"http://127.0.0.2:9/crm/done\"}");
    HttpResponse<String> allowed = create(fx.token, "{\"returnUrl\":\"http://127.0.0.1:9/crm/done\"}");

    assertThat(lookalike.statusCode()).isEqualTo(422);
    assertThat(Http.json(lookalike).get("detail").asText()).contains("connect.return-urls");
    assertThat(otherHost.statusCode()).isEqualTo(422);
    assertThat(allowed.statusCode()).isEqualTo(201);
  }

  @Test
  void givenMalformedFields_whenCreating_then422NamingTheField() {
    HttpResponse<String> ttl = create(fx.token, "{\"ttl\":\"P30D\"}");
    HttpResponse<String> mailbox = create(fx.token, "{\"expectedMailbox\":\"not an address\"}");
    HttpResponse<String> unknown = create(fx.token, "{\"redirect\":\"x\"}");

    assertThat(ttl.statusCode()).isEqualTo(422);
    assertThat(Http.json(ttl).get("detail").asText()).contains("ttl");
    assertThat(mailbox.statusCode()).isEqualTo(422);
    assertThat(Http.json(mailbox).get("detail").asText()).contains("expectedMailbox");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Http.json(unknown).get("errors").get(0).get("field").asText()).isEqualTo("redirect");
  }

  @Test
  void givenNoAppCanConnectOnTheWeb_whenCreatingWithoutApp_then422SayingWhatToAdd() throws Exception {
    fx.store.removeApp("gmail");

    HttpResponse<String> r = create(fx.token, "{}");

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Http.json(r).get("detail").asText()).contains("No app can connect a mailbox on the web")
        .contains("/connect/callback");
  }

  @Test
  void givenAServerListeningOnAWildcardAddress_whenALinkIsCreated_thenRefusedAskingForThePublicUrl()
      throws Exception {
    ConnectLinks wildcard = new ConnectLinks(dev.mailtoken.server.internal.ServerDatabase.open(fx.store), fx.store,
        dev.mailtoken.oauth.OAuthClient.builder().clock(fx.clock).build(), fx.audit, fx.clock,
        new ConnectSettings(() -> java.net.URI.create("http://0.0.0.0:8025"), List.of(), java.time.Duration.ofHours(1)),
        ConnectListener.NONE);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> wildcard.create(NewConnectLink.defaults(), "test"))
        .isInstanceOf(dev.mailtoken.ConfigurationException.class)
        .hasMessageContaining("set public-url");
  }

  @Test
  void givenAnUnknownLinkId_whenRead_then404() {
    assertThat(fx.http.get("/v1/connect-links/0123456789abcdef", fx.token).statusCode()).isEqualTo(404);
  }
}
