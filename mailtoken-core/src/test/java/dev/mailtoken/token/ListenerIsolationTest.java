package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.mailtoken.testsupport.LogCapture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListenerIsolationTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final Harness h = new Harness();

  static final class ExplodingListener implements TokenListener {
    @Override
    public void onEvent(TokenEvent event) {
      throw new IllegalStateException("listener bug");
    }
  }

  @Test
  void givenAThrowingListener_whenTokenIssued_thenOtherListenersStillRunAndTheFailureIsLoggedWithItsClass()
      throws Exception {
    RecordingListener after = new RecordingListener();
    TokenManager manager = h.builder().listener(new ExplodingListener()).listener(after).build();
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT);

    assertThat(after.of(TokenEvent.Issued.class)).hasSize(1);
    assertThat(logs.events()).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains(ExplodingListener.class.getName());
    });
  }

  @Test
  void givenAThrowingListener_whenAskedAgain_thenTheAccountKeepsWorking() throws Exception {
    TokenManager manager = h.builder().listener(new ExplodingListener()).build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);

    AccessToken renewed = manager.renew(Harness.ACCOUNT, first);

    assertThat(renewed.value().reveal()).isEqualTo("ya29.access-2");
  }

  @Test
  void givenListener_whenEventDelivered_thenTheChangeIsAlreadyVisible() throws Exception {
    List<AccessToken> seenByListener = new CopyOnWriteArrayList<>();
    TokenManager[] manager = new TokenManager[1];
    manager[0] = h.builder().listener(event -> {
      if (event instanceof TokenEvent.Issued) {
        seenByListener.add(manager[0].tokenAsync(Harness.ACCOUNT).getNow(null));
      }
    }).build();
    manager[0].register(Harness.refreshAccount());

    AccessToken token = manager[0].token(Harness.ACCOUNT);

    assertThat(seenByListener).containsExactly(token);
  }

  @Test
  void givenListenerExecutor_whenEventsPublished_thenTheyRunOnIt() throws Exception {
    QueueExecutor listenerExecutor = new QueueExecutor();
    RecordingListener listener = new RecordingListener();
    TokenManager manager = h.builderWithListenerExecutor(listenerExecutor).listener(listener).build();
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT);

    assertThat(listener.all()).isEmpty();
    listenerExecutor.runAll();
    assertThat(listener.of(TokenEvent.Issued.class)).hasSize(1);
  }
}
