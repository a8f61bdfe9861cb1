package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A refresh token given as a string, and registering an account only when it is new. */
class RegistrationConvenienceTest {
  private final Harness h = new Harness();

  @Test
  void givenARefreshTokenString_whenAGrantIsMade_thenItIsWrappedInASecret() {
    RefreshTokenGrant grant = new RefreshTokenGrant(Harness.app(), "1//0gPlaygroundToken");

    assertThat(grant.refreshToken()).isEqualTo(Secret.of("1//0gPlaygroundToken"));
    assertThat(grant.toString()).doesNotContain("1//0gPlaygroundToken");
  }

  @Test
  void givenAnEmptyRefreshTokenString_whenAGrantIsMade_thenItIsRefused() {
    assertThatThrownBy(() -> new RefreshTokenGrant(Harness.app(), "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenARotatedRefreshToken_whenTheSameAccountIsRegisteredIfAbsentAgain_thenTheRotatedOneIsKept()
      throws Exception {
    h.endpoint.responder = (n, rt) -> h.endpoint.response("ya29.access-" + n, Duration.ofHours(1), "1//rotated-" + n);
    TokenManager manager = h.builder().build();
    assertThat(manager.registerIfAbsent(Harness.refreshAccount())).isTrue();
    AccessToken first = manager.token(Harness.ACCOUNT);

    boolean again = manager.registerIfAbsent(Harness.refreshAccount());
    manager.renew(Harness.ACCOUNT, first);

    assertThat(again).isFalse();
    assertThat(h.endpoint.presented).containsExactly(Harness.REFRESH_TOKEN, Secret.of("1//rotated-1"));
  }

  @Test
  void givenACurrentToken_whenRegisteredIfAbsent_thenTheFirstTokenNeedsNoRequest() throws Exception {
    TokenManager manager = h.builder().build();
    AccessToken current = AccessToken.of("ya29.from-caller", h.clock.instant().plus(Duration.ofHours(1)));

    manager.registerIfAbsent(Harness.refreshAccount(), current);

    assertThat(manager.token(Harness.ACCOUNT)).isEqualTo(current);
    assertThat(h.endpoint.calls).hasValue(0);
  }
}
