package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RotationTest {
  private final Harness h = new Harness();

  private void rotateEveryTime() {
    h.endpoint.responder = (n, rt) -> h.endpoint.response("ya29.access-" + n, Duration.ofHours(1), "1//rotated-" + n);
  }

  @Test
  void givenRotatingProvider_whenRefreshed_thenNewRefreshTokenIsSavedBeforeAnyoneGetsTheAccessToken() throws Exception {
    rotateEveryTime();
    List<String> handedOut = new CopyOnWriteArrayList<>();
    AtomicBoolean otherCallerWasServedDuringSave = new AtomicBoolean();
    TokenManager[] manager = new TokenManager[1];
    manager[0] = h.builder().refreshTokenStore((account, rt) -> {
      CompletableFuture<AccessToken> concurrent = manager[0].tokenAsync(account);
      otherCallerWasServedDuringSave.set(concurrent.isDone() || !handedOut.isEmpty());
    }).build();
    manager[0].register(Harness.refreshAccount());

    handedOut.add(manager[0].token(Harness.ACCOUNT).value().reveal());

    assertThat(otherCallerWasServedDuringSave).isFalse();
    assertThat(handedOut).containsExactly("ya29.access-1");
  }

  @Test
  void givenRotatedRefreshToken_whenRefreshedAgain_thenTheNewRefreshTokenIsPresented() throws Exception {
    rotateEveryTime();
    List<Secret> saved = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().refreshTokenStore((account, rt) -> saved.add(rt)).build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);

    manager.renew(Harness.ACCOUNT, first);

    assertThat(h.endpoint.presented).containsExactly(Harness.REFRESH_TOKEN, Secret.of("1//rotated-1"));
    assertThat(saved).containsExactly(Secret.of("1//rotated-1"), Secret.of("1//rotated-2"));
    assertThat(h.events.of(TokenEvent.Rotated.class)).extracting(TokenEvent.Rotated::refreshTokenFingerprint)
        .containsExactly(Secret.of("1//rotated-1").fingerprint(), Secret.of("1//rotated-2").fingerprint());
  }

  @Test
  void givenStoreFails_whenRefreshed_thenTokenIsNotHandedOutAndTheErrorSaysSo() {
    rotateEveryTime();
    TokenManager manager = h.builder().refreshTokenStore((account, rt) -> {
      throw new IOException("disk full");
    }).build();
    manager.register(Harness.refreshAccount());

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT))
        .isInstanceOf(RefreshTokenPersistenceException.class)
        .hasMessageContaining(Harness.ACCOUNT)
        .hasMessageContaining("not handed out")
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(manager.status(Harness.ACCOUNT).orElseThrow().health()).isEqualTo(AccountHealth.REFRESH_FAILING);
    assertThat(h.events.of(TokenEvent.Issued.class)).isEmpty();
  }

  @Test
  void givenStoreFailedOnce_whenAskedAgain_thenTheRotatedRefreshTokenIsUsedAndSaved() throws Exception {
    rotateEveryTime();
    List<Secret> saved = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().refreshTokenStore((account, rt) -> {
      if (saved.isEmpty() && rt.equals(Secret.of("1//rotated-1"))) {
        saved.add(Secret.of("1//failed-marker"));
        throw new IOException("store offline");
      }
      saved.add(rt);
    }).build();
    manager.register(Harness.refreshAccount());
    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT)).isInstanceOf(RefreshTokenPersistenceException.class);

    AccessToken token = manager.token(Harness.ACCOUNT);

    assertThat(token.value().reveal()).isEqualTo("ya29.access-2");
    assertThat(h.endpoint.presented).last().isEqualTo(Secret.of("1//rotated-1"));
    assertThat(saved).last().isEqualTo(Secret.of("1//rotated-2"));
  }

  @Test
  void givenProviderDoesNotRotate_whenRefreshed_thenStoreIsNotCalledAndOldRefreshTokenKept() throws Exception {
    List<Secret> saved = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().refreshTokenStore((account, rt) -> saved.add(rt)).build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);

    manager.renew(Harness.ACCOUNT, first);

    assertThat(saved).isEmpty();
    assertThat(h.endpoint.presented).containsExactly(Harness.REFRESH_TOKEN, Harness.REFRESH_TOKEN);
  }
}
