package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthTimeoutException;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A refresh in flight is never abandoned, and a crash mid-refresh is explained. The emulator
 * rotates refresh tokens and revokes the whole family when a retired one is presented, so sending
 * the old refresh token after a lost answer kills the grant. Real time only where the emulator's
 * delay or a real second JVM is involved, with short limits.
 */
abstract class LateAnswerBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @Test
  void givenRotatingProviderAnsweringAfterTheRequestTimeout_whenFreshToken_thenTransientAndTheNextCallFindsTheSavedToken()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    Secret original = store.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();
    OAuthClient impatient = client(Duration.ofMillis(300), Duration.ofSeconds(15));
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1500)));

    assertThatThrownBy(() -> store.freshToken(ALICE, false, impatient)).isInstanceOf(OAuthTimeoutException.class)
        .hasMessageContaining("300 ms").hasMessageContaining("saved");
    assertThat(store.lateRefreshes()).containsExactly(ALICE);
    store.close();   // waits for the late answer, as a process ending after the timeout does

    CredentialStore next = open();
    AccessToken saved = next.freshToken(ALICE, false, client);
    assertThat(emulator.introspect(saved.value().reveal())).isPresent();
    assertThat(next.secrets(ALICE).orElseThrow().refreshToken()).isPresent().get().isNotEqualTo(original);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenLateAnswerSaved_whenTheNextRefreshIsDue_thenItPresentsTheRotatedTokenAndTheGrantLives() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1500)));
    assertThatThrownBy(() -> store.freshToken(ALICE, false, client(Duration.ofMillis(300), Duration.ofSeconds(15))))
        .isInstanceOf(OAuthTimeoutException.class);
    store.close();
    clock.advance(Duration.ofHours(2));

    CredentialStore next = open();
    AccessToken fresh = next.freshToken(ALICE, false, client);

    assertThat(emulator.introspect(fresh.value().reveal())).isPresent();
    assertThat(next.account(ALICE).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenNoAnswerWithinTheCompletionTimeout_whenTheProviderRotatedAnyway_thenTheDeadGrantIsExplainedAsInterrupted()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    Instant sent = clock.instant();
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1500)));
    int issuedBefore = emulator.issuedSecrets().size();
    assertThatThrownBy(() -> store.freshToken(ALICE, false, client(Duration.ofMillis(200), Duration.ofMillis(500))))
        .isInstanceOf(OAuthTimeoutException.class);
    store.close();
    assertThat(open().refreshState(ALICE).orElseThrow().interruptedAt()).contains(sent);
    eventually(Duration.ofSeconds(10), () -> emulator.issuedSecrets().size() > issuedBefore); // it did rotate
    clock.advance(Duration.ofHours(1));

    CredentialStore next = open();
    assertThatThrownBy(() -> next.freshToken(ALICE, false, client))
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("a refresh was interrupted at " + sent + " (process crash or timeout); the provider"
            + " revoked the token family; run mailtoken authorize");
    assertThat(next.account(ALICE).orElseThrow().lastError()).hasValueSatisfying(e ->
        assertThat(e).contains("a refresh was interrupted at " + sent));
  }

  @Test
  void givenProcessKilledWhileItsRefreshWasOut_whenTheNextProcessRefreshes_thenItTriesOnceAndExplainsTheDeadGrant()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    Instant sent = clock.instant();
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1500)));
    int issuedBefore = emulator.issuedSecrets().size();
    try (ChildProcess child = ChildProcess.start(url(), keys, sent, ALICE)) {
      child.awaitReady(Duration.ofSeconds(60));
      child.go();
      eventually(Duration.ofSeconds(30), () -> emulator.requestCount(Endpoint.TOKEN) == 1);
      child.kill();
      eventually(Duration.ofSeconds(10), () -> emulator.issuedSecrets().size() > issuedBefore); // it did rotate

      RefreshState left = store.refreshState(ALICE).orElseThrow();
      assertThat(left.refreshingAt(clock.instant())).isTrue();
      assertThat(left.claimOwner()).hasValueSatisfying(o -> assertThat(o).contains("pid " + child.pid()));
    }
    clock.advance(Duration.ofMinutes(5)); // past the dead process's lease

    assertThatThrownBy(() -> store.freshToken(ALICE, false, client))
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("a refresh was interrupted at ")
        .hasMessageContaining("(process crash or timeout); the provider revoked the token family; run mailtoken"
            + " authorize");
    StoredAccount dead = store.account(ALICE).orElseThrow();
    assertThat(dead.health()).isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
    assertThat(dead.lastError()).hasValueSatisfying(e -> assertThat(e).contains("a refresh was interrupted at"));
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenInterruptedRefreshOnAProviderThatKeepsOldTokens_whenRetried_thenItWorksAndTheMarkIsCleared()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    emulator.faults().next(Endpoint.TOKEN, Fault.connectionReset());
    assertThatThrownBy(() -> store.freshToken(ALICE, false, client)).matches(e ->
        ((dev.mailtoken.MailtokenException) e).isTransient());
    assertThat(store.refreshState(ALICE).orElseThrow().interruptedAt()).isPresent();
    clock.advance(Duration.ofHours(1));

    assertThat(store.freshToken(ALICE, false, client)).isNotNull();

    assertThat(store.refreshState(ALICE).orElseThrow()).isEqualTo(RefreshState.NONE);
  }
}
