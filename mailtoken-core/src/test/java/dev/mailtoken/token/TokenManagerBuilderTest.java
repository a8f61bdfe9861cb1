package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.oauth.OAuthClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder convention: each option once, incompatible options refused by build() with a sentence. */
class TokenManagerBuilderTest {

  @Test
  void givenClockSet_whenSetAgain_thenFailsNamingTheOption() {
    TokenManagerBuilder b = TokenManager.builder().clock(Clock.systemUTC());

    assertThatThrownBy(() -> b.clock(Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
        .hasMessage("clock was already set on this TokenManager builder");
  }

  @Test
  void givenRefreshMarginSet_whenSetAgain_thenFailsNamingTheOption() {
    TokenManagerBuilder b = TokenManager.builder().refreshMargin(Duration.ofMinutes(5));

    assertThatThrownBy(() -> b.refreshMargin(Duration.ofMinutes(6))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refreshMargin was already set");
  }

  @Test
  void givenExpiryMarginBeyondRefreshMargin_whenBuilding_thenFailsWithASentence() {
    TokenManagerBuilder b = TokenManager.builder().refreshMargin(Duration.ofSeconds(10))
        .expiryMargin(Duration.ofSeconds(20));

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expiryMargin (PT20S) must not exceed refreshMargin (PT10S)");
  }

  @Test
  void givenOAuthClientAndTokenEndpoint_whenBuilding_thenFailsNamingBoth() {
    Harness h = new Harness();
    TokenManagerBuilder b = TokenManager.builder().oauthClient(OAuthClient.builder().build()).tokenEndpoint(h.endpoint);

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("oauthClient and tokenEndpoint");
  }

  @Test
  void givenTwoListeners_whenAnEventIsPublished_thenBothGetIt() throws Exception {
    Harness h = new Harness();
    RecordingListener second = new RecordingListener();
    TokenManager manager = h.builder().listener(second).build();
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT);

    assertThat(h.events.of(TokenEvent.Issued.class)).hasSize(1);
    assertThat(second.of(TokenEvent.Issued.class)).hasSize(1);
  }
}
