package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-(account, scope set) tokens: single flight per pair, one grant, rotation saved first. */
class ScopedTokenLifecycleTest {
  private static final List<String> GRAPH = List.of("https://graph.microsoft.com/Mail.Send");
  private static final int THREADS = 32;

  private final Harness h = new Harness();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private void rotateEveryTime() {
    h.endpoint.responder = (n, rt) -> h.endpoint.response("ya29.access-" + n, Duration.ofHours(1), "1//rotated-" + n);
  }

  @Test
  void givenNoGraphToken_whenManyThreadsAskForItAtOnce_thenOneRefreshWithTheGraphScopes() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return manager.token(Harness.ACCOUNT, GRAPH);
      }));
    }

    start.countDown();

    AccessToken first = results.get(0).get(10, TimeUnit.SECONDS);
    for (Future<AccessToken> f : results) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    assertThat(h.endpoint.scopesAsked).containsExactly(GRAPH);
  }

  @Test
  void givenGraphRefreshRotates_whenSaving_thenNoTokenOfAnyScopeSetIsServedUntilSaved() throws Exception {
    rotateEveryTime();
    List<Boolean> servedDuringSave = new CopyOnWriteArrayList<>();
    TokenManager[] manager = new TokenManager[1];
    manager[0] = h.builder().refreshTokenStore((account, rt) -> {
      CompletableFuture<AccessToken> graph = manager[0].tokenAsync(account, GRAPH);
      servedDuringSave.add(graph.isDone());
    }).build();
    manager[0].register(Harness.refreshAccount());

    AccessToken graph = manager[0].token(Harness.ACCOUNT, GRAPH);

    assertThat(servedDuringSave).containsExactly(false);
    assertThat(graph.value().reveal()).isEqualTo("ya29.access-1");
  }

  @Test
  void givenGraphRefreshRotated_whenTheOwnTokenIsRefreshed_thenTheRotatedRefreshTokenIsPresented() throws Exception {
    rotateEveryTime();
    List<Secret> saved = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().refreshTokenStore((account, rt) -> saved.add(rt)).build();
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT, GRAPH);
    manager.token(Harness.ACCOUNT);

    assertThat(h.endpoint.presented).containsExactly(Harness.REFRESH_TOKEN, Secret.of("1//rotated-1"));
    assertThat(h.endpoint.scopesAsked).containsExactly(GRAPH, List.of());
    assertThat(saved).containsExactly(Secret.of("1//rotated-1"), Secret.of("1//rotated-2"));
  }

  @Test
  void givenTwoScopeSetsCached_whenTheGraphTokenIsRenewed_thenTheOwnTokenIsKept() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken own = manager.token(Harness.ACCOUNT);
    AccessToken graph = manager.token(Harness.ACCOUNT, GRAPH);

    AccessToken renewed = manager.renew(Harness.ACCOUNT, GRAPH, graph);

    assertThat(renewed).isNotEqualTo(graph);
    assertThat(manager.token(Harness.ACCOUNT)).isSameAs(own);
    assertThat(manager.token(Harness.ACCOUNT, GRAPH)).isSameAs(renewed);
    assertThat(h.endpoint.calls).hasValue(3);
  }

  @Test
  void givenGraphTokenNearExpiry_whenTheSchedulerRuns_thenEachScopeSetIsRefreshedInTheBackground() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken own = manager.token(Harness.ACCOUNT);
    AccessToken graph = manager.token(Harness.ACCOUNT, GRAPH);

    h.clock.advance(Duration.ofMinutes(56));
    h.scheduler.runDue();

    assertThat(h.endpoint.scopesAsked).containsExactlyInAnyOrder(List.of(), GRAPH, List.of(), GRAPH);
    assertThat(manager.token(Harness.ACCOUNT)).isNotEqualTo(own);
    assertThat(manager.token(Harness.ACCOUNT, GRAPH)).isNotEqualTo(graph);
  }

  @Test
  void givenACallbackThatKnowsResources_whenGraphIsAsked_thenItGetsTheScopes() throws Exception {
    List<List<String>> asked = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().build();
    manager.register(new Account(Harness.ACCOUNT, new CallbackGrant(new TokenCallback() {
      @Override
      public AccessToken token(String account, boolean renew) {
        throw new AssertionError("the scoped method is overridden");
      }

      @Override
      public AccessToken token(String account, List<String> scopes, boolean renew) {
        asked.add(scopes);
        return AccessToken.of("tok-" + asked.size(), h.clock.instant().plus(Duration.ofHours(1)));
      }
    })));

    manager.token(Harness.ACCOUNT, List.of(GRAPH.get(0), GRAPH.get(0)));
    manager.token(Harness.ACCOUNT);

    assertThat(asked).containsExactly(GRAPH, List.of());
  }

  @Test
  void givenAPlainCallback_whenGraphIsAsked_thenItIsCalledAsForTheOwnToken() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) ->
        AccessToken.of("graph-from-app", h.clock.instant().plus(Duration.ofHours(1)))));

    assertThat(manager.token(Harness.ACCOUNT, GRAPH).value().reveal()).isEqualTo("graph-from-app");
  }
}
