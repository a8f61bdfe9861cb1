package dev.mailtoken.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testsupport.ConnectionTrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a request that carries a credential may go: https, or plain http to a loopback literal. */
class CredentialPolicyTest {
  private final ConnectionTrap trap = ConnectionTrap.start();

  @AfterEach
  void stop() {
    trap.close();
  }

  private CredentialHttp trapped() {
    return new CredentialHttp(trap.client(), Duration.ofSeconds(5), 64 * 1024);
  }

  private static HttpRequest bearerGet(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer not-a-real-token").GET().build();
  }

  @Test
  void givenLoopbackLiteralsAndLocalhost_whenChecked_thenLoopback() {
    assertThat(HttpPolicy.isLoopback("127.0.0.1")).isTrue();
    assertThat(HttpPolicy.isLoopback("127.255.3.9")).isTrue();
    assertThat(HttpPolicy.isLoopback("[::1]")).isTrue();
    assertThat(HttpPolicy.isLoopback("::1")).isTrue();
    assertThat(HttpPolicy.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(HttpPolicy.isLoopback("[0000:0000::0001]")).isTrue();
    assertThat(HttpPolicy.isLoopback("LOCALHOST")).isTrue();
  }

  @Test
  void givenLookalikesAndOtherAddresses_whenChecked_thenNotLoopback() {
    assertThat(HttpPolicy.isLoopback("127.0.0.1.example.com")).isFalse();
    assertThat(HttpPolicy.isLoopback("localhost.example.com")).isFalse();
    assertThat(HttpPolicy.isLoopback("mail.example.test")).isFalse();
    assertThat(HttpPolicy.isLoopback("10.0.0.1")).isFalse();
    assertThat(HttpPolicy.isLoopback("0.0.0.0")).isFalse();
    assertThat(HttpPolicy.isLoopback("128.0.0.1")).isFalse();
    assertThat(HttpPolicy.isLoopback("127.0.0.256")).isFalse();
    assertThat(HttpPolicy.isLoopback("[::2]")).isFalse();
    assertThat(HttpPolicy.isLoopback("[::]")).isFalse();
    assertThat(HttpPolicy.isLoopback("")).isFalse();
    assertThat(HttpPolicy.isLoopback(null)).isFalse();
  }

  @Test
  void givenUris_whenCheckedForCredentials_thenHttpsAnywhereAndPlainHttpOnlyOnLoopback() {
    assertThat(HttpPolicy.allowsCredentials(URI.create("https://oauth2.googleapis.com/token"))).isTrue();
    assertThat(HttpPolicy.allowsCredentials(URI.create("HTTPS://graph.microsoft.com/v1.0/me"))).isTrue();
    assertThat(HttpPolicy.allowsCredentials(URI.create("http://127.0.0.1:8080/token"))).isTrue();
    assertThat(HttpPolicy.allowsCredentials(URI.create("http://[::1]:8080/token"))).isTrue();
    assertThat(HttpPolicy.allowsCredentials(URI.create("http://mail.example.test/userinfo"))).isFalse();
    assertThat(HttpPolicy.allowsCredentials(URI.create("http://0.0.0.0:8080/token"))).isFalse();
    assertThat(HttpPolicy.allowsCredentials(URI.create("ftp://127.0.0.1/token"))).isFalse();
    assertThat(HttpPolicy.allowsCredentials(URI.create("https:///token"))).isFalse();
  }

  @Test
  void givenPlainHttpToAHostName_whenSent_thenRefusedBeforeAnyConnectionOrLookup() {
    assertThatThrownBy(() -> trapped().send(bearerGet("http://mail.example.test/userinfo")))
        .isInstanceOfSatisfying(HttpCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(HttpCallException.Kind.INSECURE_TRANSPORT);
          assertThat(e.uri()).hasToString("http://mail.example.test/userinfo");
        });
    assertThat(trap.connections()).isZero();
  }

  /** The trap is only proof if an allowed request does reach it. */
  @Test
  void givenAnAllowedRequest_whenSentThroughTheTrap_thenTheTrapSeesTheConnection() {
    assertThatThrownBy(() -> trapped().send(bearerGet("https://mail.example.test/userinfo")))
        .isInstanceOfSatisfying(HttpCallException.class,
            e -> assertThat(e.kind()).isEqualTo(HttpCallException.Kind.IO_FAILURE));
    assertThat(trap.connections()).isPositive();   // the JDK client may retry once after the reset
  }

  @Test
  void givenAClientThatFollowsRedirects_whenUsedForCredentials_thenRefused() {
    HttpClient follows = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    assertThatThrownBy(() -> new CredentialHttp(follows, Duration.ofSeconds(5), 1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Redirect.NEVER");
  }

  @Test
  void givenTheDefaultClient_whenBuilt_thenItNeverFollowsRedirectsAndHasTheConnectTimeout() {
    HttpClient client = HttpPolicy.newClient(Duration.ofSeconds(7));

    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(client.connectTimeout()).contains(Duration.ofSeconds(7));
  }
}
