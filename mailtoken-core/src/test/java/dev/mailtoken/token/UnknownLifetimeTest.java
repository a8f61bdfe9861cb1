package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A token whose lifetime the provider did not say ({@code expires_in} missing, not a number,
 * negative) is used for {@link TokenResponse#ASSUMED_LIFETIME}, refreshed before that, and
 * renewed at once when rejected: never served for ever.
 */
class UnknownLifetimeTest {
  private final Harness h = new Harness();

  private TokenResponse withoutExpiry(int call) {
    return new TokenResponse(Secret.of("ya29.unknown-" + call), "Bearer", Optional.empty(),
        Set.of("https://mail.google.com/"), Optional.empty(), Optional.empty(), h.clock.instant());
  }

  @Test
  void givenResponseWithoutExpiry_whenAskedADayLater_thenANewTokenWasFetched() throws Exception {
    h.endpoint.responder = (n, rt) -> withoutExpiry(n);
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);

    h.clock.advance(Duration.ofDays(1));

    assertThat(first.expiresAt()).isEmpty();
    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.unknown-2");
  }

  @Test
  void givenResponseWithoutExpiry_whenIssued_thenBackgroundRefreshIsDueBeforeTheAssumedLifetimeEnds()
      throws Exception {
    h.endpoint.responder = (n, rt) -> withoutExpiry(n);
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT);

    Instant refreshAt = Harness.START.plus(TokenResponse.ASSUMED_LIFETIME).minus(Duration.ofMinutes(5));
    assertThat(h.scheduler.pending()).singleElement()
        .satisfies(due -> assertThat(due).isBetween(refreshAt.minusSeconds(30), refreshAt));
  }

  @Test
  void givenResponseWithoutExpiry_whenRejected_thenRenewedAtOnce() throws Exception {
    h.endpoint.responder = (n, rt) -> withoutExpiry(n);
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);

    AccessToken renewed = manager.renew(Harness.ACCOUNT, first);

    assertThat(renewed.value().reveal()).isEqualTo("ya29.unknown-2");
  }

  @Test
  void givenCallbackTokenWithoutExpiry_whenAskedADayLater_thenTheCallbackIsAskedAgain() throws Exception {
    int[] calls = {0};
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) -> AccessToken.withoutExpiry("ya29.cb-" + ++calls[0])));
    manager.token(Harness.ACCOUNT);

    h.clock.advance(Duration.ofDays(1));

    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.cb-2");
  }

  @Test
  void givenFixedTokenWithoutExpiry_whenAskedADayLater_thenItIsStillServedBecauseNothingCanRenewIt()
      throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(new Account(Harness.ACCOUNT, new FixedTokenGrant(AccessToken.withoutExpiry("ya29.fixed"))));
    manager.token(Harness.ACCOUNT);

    h.clock.advance(Duration.ofDays(1));

    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.fixed");
  }
}
