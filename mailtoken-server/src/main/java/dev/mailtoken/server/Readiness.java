package dev.mailtoken.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.HealthCheck;
import dev.mailtoken.store.CredentialStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conditions of {@code /health/ready}: the database answers, and this node's key ring still
 * decrypts the store's key check (it fails once another process rotated to a key this node cannot
 * find). The answer is open to anyone, so it names what fails, not key ids or file paths; the
 * log says the rest, once per change. Thread-safe.
 */
final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  private Readiness() {
  }

  static List<HealthCheck> checks(ServerDatabase db, CredentialStore store) {
    AtomicReference<String> lastKeyProblem = new AtomicReference<>("");
    return List.of(
        HealthCheck.of("database", () -> db.reachable(2) ? Optional.empty()
            : Optional.of("the database " + db.description() + " does not answer")),
        HealthCheck.of("key", () -> {
          try {
            store.verifyKey();
            if (!lastKeyProblem.getAndSet("").isEmpty()) {
              LOG.info("the store's key check decrypts again: ready");
            }
            return Optional.empty();
          } catch (MailtokenException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastKeyProblem.getAndSet(message))) {
              LOG.warn("not ready: {}", message);
            }
            return Optional.of("this node's key does not decrypt the store's key check (" + e.getClass().getSimpleName()
                + "; the log says why)");
          }
        }));
  }
}
