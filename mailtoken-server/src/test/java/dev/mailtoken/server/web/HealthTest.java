package dev.mailtoken.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.KeyRing;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
  @TempDir
  Path dir;

  @Test
  void givenARunningServer_whenProbed_thenLiveAndReadyAnswer200WithoutCredentials() throws Exception {
    try (ServerFixture fixture = new ServerFixture(dir)) {
      MailtokenServer server = fixture.start();
      Http http = new Http(server.url());
      HttpResponse<String> live = http.get("/health/live", null);
      HttpResponse<String> ready = http.get("/health/ready", null);
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(Http.json(ready).get("status").asText()).isEqualTo("ready");
    }
  }

  @Test
  void givenAnotherProcessRotatedToAKeyThisNodeLacks_whenProbed_thenReadyAnswers503NamingTheKeyCheck()
      throws Exception {
    try (ServerFixture fixture = new ServerFixture(dir)) {
      MailtokenServer server = fixture.start();
      Http http = new Http(server.url());
      assertThat(http.get("/health/ready", null).statusCode()).isEqualTo(200);

      fixture.store().rotateKeys(KeyRing.generate());

      HttpResponse<String> ready = http.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(Http.json(ready).get("failing").get("key").asText()).contains("key check");
      assertThat(Http.json(ready).get("failing").has("database")).isFalse();
      assertThat(http.get("/health/live", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenARunningServer_whenTheRootIsOpened_thenAnHtmlPageRenderedFromATemplateAnswers() throws Exception {
    try (ServerFixture fixture = new ServerFixture(dir)) {
      HttpResponse<String> home = new Http(fixture.start().url()).get("/", null);
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
      assertThat(home.body()).contains("<title>mailtoken server · mailtoken</title>").contains("/health/ready");
    }
  }
}
