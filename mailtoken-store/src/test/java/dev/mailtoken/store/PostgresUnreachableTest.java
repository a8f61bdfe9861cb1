package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.MailtokenException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An unreachable PostgreSQL fails within the connect timeout as a transient error. Only loopback:
 * a closed port, and a listener that accepts connections and never answers.
 */
class PostgresUnreachableTest {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private ServerSocket silent;

  @AfterEach
  void closeSockets() throws Exception {
    for (Socket s : held) {
      s.close();
    }
    if (silent != null) {
      silent.close();
    }
  }

  @Test
  void givenClosedLoopbackPort_whenStoreOpened_thenTransientWithinTheConnectTimeout() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }

    assertUnavailableWithinBound("jdbc:postgresql://127.0.0.1:" + port + "/mailtoken?user=u&password=secret-pw");
  }

  @Test
  void givenLoopbackListenerThatNeverAnswers_whenStoreOpened_thenTransientWithinTheConnectTimeout() throws Exception {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (!silent.isClosed()) {
          held.add(silent.accept()); // accepted, never read, never answered
        }
      } catch (java.io.IOException e) {
        // closed by the test
      }
    }, "silent-postgres");
    acceptor.setDaemon(true);
    acceptor.start();

    assertUnavailableWithinBound("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
        + "/mailtoken?user=u&password=secret-pw");
  }

  private void assertUnavailableWithinBound(String url) {
    long start = System.nanoTime();

    assertThatThrownBy(() -> CredentialStore.open(url, KeyRing.generate(), Clock.systemUTC(),
        StoreOptions.builder().connectTimeout(CONNECT_TIMEOUT).build()))
        .isInstanceOf(StoreUnavailableException.class)
        .matches(e -> ((MailtokenException) e).isTransient())
        .hasMessageContaining("127.0.0.1").hasMessageNotContaining("secret-pw");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CONNECT_TIMEOUT.multipliedBy(4));
  }
}
