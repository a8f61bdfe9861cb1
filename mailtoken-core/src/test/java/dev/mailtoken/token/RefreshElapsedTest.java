package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.TransientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each refresh outcome's event says how long its request took, by the manager's clock (what a latency metric reads). */
class RefreshElapsedTest {
  private static final Duration REQUEST = Duration.ofMillis(1_234);

  private final Harness h = new Harness();

  @Test
  void givenATokenRequestTaking1234ms_whenItSucceeds_thenIssuedSaysItTook1234ms() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      h.clock.advance(REQUEST);
      return h.endpoint.response("ya29.slow-" + n, Duration.ofHours(1), null);
    };

    manager.token(Harness.ACCOUNT);

    assertThat(h.events.of(TokenEvent.Issued.class)).singleElement()
        .satisfies(e -> assertThat(e.elapsed()).isEqualTo(REQUEST));
  }

  @Test
  void givenATokenRequestTaking1234ms_whenItFailsForNow_thenRefreshFailedSaysItTook1234ms() {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      h.clock.advance(REQUEST);
      throw new TransientException("503", null, null, null, null);
    };

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(TransientException.class);

    assertThat(h.events.of(TokenEvent.RefreshFailed.class)).singleElement()
        .satisfies(e -> assertThat(e.elapsed()).isEqualTo(REQUEST));
  }

  @Test
  void givenATokenRequestTaking1234ms_whenTheGrantIsDead_thenReauthorizationRequiredSaysItTook1234ms() {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      h.clock.advance(REQUEST);
      throw new ReauthorizationRequiredException("invalid_grant", null,
          OAuthError.of("invalid_grant", "Token has been expired or revoked.", 400), null);
    };

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(ReauthorizationRequiredException.class);

    assertThat(h.events.of(TokenEvent.ReauthorizationRequired.class)).singleElement()
        .satisfies(e -> assertThat(e.elapsed()).isEqualTo(REQUEST));
  }

  @Test
  void givenARotatingProvider_whenRefreshed_thenRotatedTakesNoTimeOfItsOwnAndIssuedTakesTheRequest() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      h.clock.advance(REQUEST);
      return h.endpoint.response("ya29.rotated-" + n, Duration.ofHours(1), "1//refresh-token-rotated-0002");
    };

    manager.token(Harness.ACCOUNT);

    assertThat(h.events.of(TokenEvent.Rotated.class)).singleElement()
        .satisfies(e -> assertThat(e.elapsed()).isZero());
    assertThat(h.events.of(TokenEvent.Issued.class)).singleElement()
        .satisfies(e -> assertThat(e.elapsed()).isEqualTo(REQUEST));
  }
}
