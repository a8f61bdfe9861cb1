package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link TokenManager#register(Account, AccessToken)}: the access token of a code exchange is served first. */
class SeededRegistrationTest {
  private final Harness h = new Harness();
  private final AccessToken exchanged =
      AccessToken.of("ya29.from-code-exchange", Harness.START.plus(Duration.ofHours(1)));

  @Test
  void givenAccountRegisteredWithItsCurrentToken_whenTokenAsked_thenThatTokenIsServedWithoutARequest()
      throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount(), exchanged);

    AccessToken token = manager.token(Harness.ACCOUNT);

    assertThat(token).isSameAs(exchanged);
    assertThat(h.endpoint.calls).hasValue(0);
    assertThat(h.events.all()).isEmpty();
  }

  @Test
  void givenAccountRegisteredWithItsCurrentToken_thenBackgroundRefreshIsScheduledBeforeTheRefreshMargin() {
    TokenManager manager = h.builder().build();

    manager.register(Harness.refreshAccount(), exchanged);

    Instant refreshAt = Harness.START.plus(Duration.ofHours(1)).minus(Duration.ofMinutes(5));
    assertThat(h.scheduler.pending()).singleElement()
        .satisfies(due -> assertThat(due).isBetween(refreshAt.minusSeconds(30), refreshAt));
  }

  @Test
  void givenSeededToken_whenScheduledTimeReached_thenItIsReplacedWithoutACaller() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount(), exchanged);

    h.scheduler.advanceToNextAndRun();

    assertThat(h.endpoint.calls).hasValue(1);
    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.access-1");
  }

  @Test
  void givenExpiredToken_whenRegisteredWithIt_thenFirstTokenRefreshes() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount(), AccessToken.of("ya29.old", Harness.START.minusSeconds(1)));

    AccessToken token = manager.token(Harness.ACCOUNT);

    assertThat(token.value().reveal()).isEqualTo("ya29.access-1");
    assertThat(h.endpoint.calls).hasValue(1);
  }

  @Test
  void givenTokenInsideTheExpiryMargin_whenRegisteredWithIt_thenItIsIgnoredAndNothingIsScheduled() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount(), AccessToken.of("ya29.nearly-gone", Harness.START.plusSeconds(20)));

    assertThat(h.scheduler.pending()).isEmpty();
    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.access-1");
  }

  @Test
  void givenTokenInsideTheRefreshMargin_whenRegisteredWithIt_thenItIsServedUntilTheExpiryMargin() throws Exception {
    TokenManager manager = h.builder().build();
    AccessToken shortLived = AccessToken.of("ya29.short", Harness.START.plus(Duration.ofMinutes(2)));
    manager.register(Harness.refreshAccount(), shortLived);

    assertThat(manager.token(Harness.ACCOUNT)).isSameAs(shortLived);
    h.clock.advance(Duration.ofMinutes(1).plusSeconds(31));

    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.access-1");
  }

  @Test
  void givenAccountNeedingReauthorization_whenRegisteredAgainWithItsNewToken_thenItIsServed() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      throw new ReauthorizationRequiredException("dead", Harness.ACCOUNT,
          OAuthError.of("invalid_grant", "Token has been expired or revoked.", 400), null);
    };
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(ReauthorizationRequiredException.class);

    manager.register(Harness.refreshAccount(), exchanged);

    assertThat(manager.token(Harness.ACCOUNT)).isSameAs(exchanged);
    assertThat(manager.status(Harness.ACCOUNT).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
  }

  @Test
  void givenFixedTokenGrant_whenRegisteredWithACurrentToken_thenRejected() {
    TokenManager manager = h.builder().build();
    Account fixed = new Account(Harness.ACCOUNT, new FixedTokenGrant(exchanged));

    assertThatThrownBy(() -> manager.register(fixed, exchanged))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FixedTokenGrant");
    assertThat(manager.accounts()).isEmpty();
  }
}
