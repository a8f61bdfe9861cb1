package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallbackGrantTest {
  private final Harness h = new Harness();

  @Test
  void givenCallbackThrows_whenAskedAgain_thenCallbackIsCalledAgainAndTheAccountIsNotWedged() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("vault sealed");
      }
      return AccessToken.of("ya29.from-vault", h.clock.instant().plus(Duration.ofHours(1)));
    }));

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT))
        .isInstanceOf(TokenRefreshException.class)
        .hasMessageContaining(Harness.ACCOUNT)
        .hasCauseInstanceOf(IllegalStateException.class);
    AccessToken token = manager.token(Harness.ACCOUNT);

    assertThat(token.value().reveal()).isEqualTo("ya29.from-vault");
    assertThat(calls).hasValue(2);
  }

  @Test
  void givenCallbackThrowsError_whenAskedAgain_thenAccountIsNotWedged() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) -> {
      if (calls.incrementAndGet() == 1) {
        throw new AssertionError("bug in user code");
      }
      return AccessToken.of("ya29.second-call", h.clock.instant().plus(Duration.ofHours(1)));
    }));
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(AssertionError.class);

    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.second-call");
  }

  @Test
  void givenCallbackReturnsNull_whenAsked_thenTheErrorSaysSo() {
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) -> null));

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT))
        .isInstanceOf(TokenRefreshException.class)
        .hasMessageContaining("returned null");
  }

  @Test
  void givenCallbackThrowsMailtokenException_whenAsked_thenCallerGetsItAsIs() {
    ConfigurationException wrongScope = new ConfigurationException("scope missing");
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) -> {
      throw wrongScope;
    }));

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isSameAs(wrongScope);
  }

  @Test
  void givenCallback_whenCalled_thenItGetsTheAccountAddress() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) ->
        AccessToken.of("ya29.for-" + account, h.clock.instant().plus(Duration.ofHours(1)))));

    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.for-" + Harness.ACCOUNT);
  }
}
