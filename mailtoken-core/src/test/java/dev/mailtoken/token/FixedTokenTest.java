package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ReauthorizationRequiredException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixedTokenTest {
  private final Harness h = new Harness();
  private final AccessToken fixed = AccessToken.of("ya29.pasted-by-hand", Harness.START.plus(Duration.ofMinutes(20)));

  private TokenManager managerWithFixedToken() {
    TokenManager manager = h.builder().build();
    manager.register(new Account(Harness.ACCOUNT, new FixedTokenGrant(fixed)));
    return manager;
  }

  @Test
  void givenFixedToken_whenAsked_thenItIsServedUntilItExpiresWithoutBackgroundRefresh() throws Exception {
    TokenManager manager = managerWithFixedToken();

    assertThat(manager.token(Harness.ACCOUNT)).isSameAs(fixed);
    h.clock.advance(Duration.ofMinutes(19));
    assertThat(manager.token(Harness.ACCOUNT)).isSameAs(fixed);
    assertThat(h.scheduler.pending()).isEmpty();
  }

  @Test
  void givenFixedTokenRejected_whenRenewed_thenTokenNotRenewableException() throws Exception {
    TokenManager manager = managerWithFixedToken();
    AccessToken served = manager.token(Harness.ACCOUNT);

    assertThatThrownBy(() -> manager.renew(Harness.ACCOUNT, served))
        .isInstanceOf(TokenNotRenewableException.class)
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining(Harness.ACCOUNT)
        .hasMessageContaining("cannot be renewed");
  }

  @Test
  void givenFixedTokenRejected_whenAskedAgain_thenTheRejectedTokenIsNeverReturned() throws Exception {
    TokenManager manager = managerWithFixedToken();
    AccessToken served = manager.token(Harness.ACCOUNT);
    assertThatThrownBy(() -> manager.renew(Harness.ACCOUNT, served)).isInstanceOf(TokenNotRenewableException.class);

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(TokenNotRenewableException.class);
    assertThat(manager.status(Harness.ACCOUNT).orElseThrow().health())
        .isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
  }

  @Test
  void givenFixedTokenExpired_whenAsked_thenTokenNotRenewableException() {
    TokenManager manager = managerWithFixedToken();
    h.clock.advance(Duration.ofMinutes(20));

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT))
        .isInstanceOf(TokenNotRenewableException.class)
        .hasMessageContaining("expired");
  }
}
