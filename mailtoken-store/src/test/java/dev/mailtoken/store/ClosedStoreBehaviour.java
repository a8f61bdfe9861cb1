package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A closed store: it refuses work with a sentence, and its {@code close()} returns only after the
 * connections in use have come back, so nothing touches the database once it returned.
 */
abstract class ClosedStoreBehaviour extends StoreTestSupport {

  @Test
  void givenAClosedStore_whenUsed_thenAStoreExceptionSaysItWasClosed() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    store.close();

    assertThatThrownBy(store::accounts)
        .isInstanceOf(StoreException.class)
        .isNotInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("closed")
        .hasMessageContaining("open it again");
  }

  @Test
  void givenAConnectionInUse_whenTheStoreIsClosed_thenCloseReturnsOnlyAfterItCameBack() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    Connection inUse = store.internalDatabase().dataSource().getConnection();

    Thread closing = new Thread(store::close, "closing");
    closing.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> closing.getState() == Thread.State.TIMED_WAITING);
    assertThat(closing.isAlive()).as("close waits for the connection in use").isTrue();
    inUse.close();
    closing.join(10_000);
    assertThat(closing.isAlive()).as("close returned once the connection came back").isFalse();
  }
}
