package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReauthorizationTest {
  private final Harness h = new Harness();

  private TokenManager managerWithDeadGrant() {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      throw new ReauthorizationRequiredException("invalid_grant", null,
          OAuthError.of("invalid_grant", "Token has been expired or revoked.", 400), null);
    };
    return manager;
  }

  @Test
  void givenInvalidGrant_whenRefreshed_thenAccountNeedsReauthorizationAndEventFires() {
    TokenManager manager = managerWithDeadGrant();

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT))
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining(Harness.ACCOUNT)
        .hasMessageContaining("invalid_grant")
        .satisfies(e -> assertThat(((ReauthorizationRequiredException) e).account()).contains(Harness.ACCOUNT));
    AccountStatus status = manager.status(Harness.ACCOUNT).orElseThrow();
    assertThat(status.health()).isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
    assertThat(status.lastError()).isPresent();
    assertThat(h.events.of(TokenEvent.ReauthorizationRequired.class)).singleElement()
        .satisfies(e -> assertThat(e.account()).isEqualTo(Harness.ACCOUNT));
  }

  @Test
  void givenReauthorizationRequired_whenAskedAgain_thenTypedExceptionAtOnceWithoutNetwork() {
    TokenManager manager = managerWithDeadGrant();
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(ReauthorizationRequiredException.class);

    h.clock.advance(Duration.ofHours(3));
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(manager.tokenAsync(Harness.ACCOUNT)).isCompletedExceptionally();
    h.scheduler.runDue();

    assertThat(h.endpoint.calls).hasValue(1);
    assertThat(h.scheduler.pending()).isEmpty();
  }

  @Test
  void givenInvalidGrantDuringProactiveRefresh_thenBackgroundRefreshStops() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);
    h.endpoint.responder = (n, rt) -> {
      throw new ReauthorizationRequiredException("invalid_grant", null, OAuthError.of("invalid_grant", "", 400), null);
    };

    h.scheduler.advanceToNextAndRun();

    assertThat(h.scheduler.pending()).isEmpty();
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(h.endpoint.calls).hasValue(2);
  }

  @Test
  void givenReauthorizationRequired_whenRegisteredAgain_thenTokensFlowAgain() throws Exception {
    TokenManager manager = managerWithDeadGrant();
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(ReauthorizationRequiredException.class);
    h.endpoint.responder = (n, rt) -> h.endpoint.response("ya29.after-consent", Duration.ofHours(1), null);

    manager.register(Harness.refreshAccount());

    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.after-consent");
    assertThat(manager.status(Harness.ACCOUNT).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
  }
}
