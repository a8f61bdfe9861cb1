package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Listeners added and removed after build, and what a renewal's event says. */
class ListenerAfterBuildTest {
  private final Harness h = new Harness();

  @Test
  void givenAListenerAddedAfterBuild_whenATokenIsIssued_thenItGetsTheEventAfterTheBuildersListeners()
      throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().listener(e -> order.add("builder")).build();
    manager.addListener(e -> order.add("added"));
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT);

    assertThat(order).containsExactly("builder", "added");
  }

  @Test
  void givenARemovedListener_whenATokenIsIssued_thenItGetsNothing() throws Exception {
    RecordingListener late = new RecordingListener();
    TokenManager manager = h.builder().build();
    manager.addListener(late);
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);

    boolean removed = manager.removeListener(late);
    manager.renew(Harness.ACCOUNT, manager.token(Harness.ACCOUNT));

    assertThat(removed).isTrue();
    assertThat(late.of(TokenEvent.Issued.class)).hasSize(1);
    assertThat(manager.removeListener(late)).isFalse();
  }

  @Test
  void givenARenewalAfterADecodedChallenge_whenItSucceeds_thenTheIssuedEventCarriesTheChallenge() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken rejected = manager.token(Harness.ACCOUNT);
    Rejection reason = new Rejection("smtp", "535-5.7.8 Username and Password not accepted",
        Map.of("status", "400", "schemes", "Bearer", "scope", "https://mail.google.com/"));

    manager.renew(Harness.ACCOUNT, List.of(), rejected, reason);

    List<TokenEvent.Issued> issued = h.events.of(TokenEvent.Issued.class);
    assertThat(issued).extracting(TokenEvent.Issued::renewedAfter).containsExactly(Optional.empty(),
        Optional.of(reason));
    assertThat(issued.get(1).renewedAfter().orElseThrow().challenge()).containsEntry("scope",
        "https://mail.google.com/");
  }

  @Test
  void givenABackgroundRefresh_whenItSucceeds_thenTheEventNamesNoRejection() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);

    h.clock.advance(java.time.Duration.ofMinutes(56));
    h.scheduler.runDue();

    assertThat(h.events.of(TokenEvent.Issued.class)).hasSize(2)
        .allSatisfy(e -> assertThat(e.renewedAfter()).isEmpty());
  }
}
