package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one {@link Mailer}'s {@link SendEvent}s to its listeners on the calling thread, isolating
 * listener failures. Without listeners it does nothing, not even read the clock. Thread-safe.
 */
final class MailEvents {
  private static final Logger LOG = LoggerFactory.getLogger(MailEvents.class);

  private final List<MailListener> listeners;
  private final Clock clock;

  MailEvents(List<MailListener> listeners, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /** The start of a send, for its elapsed time; null when nobody listens. */
  Instant start() {
    return listeners.isEmpty() ? null : clock.instant();
  }

  void sent(String account, String transport, Instant start) {
    if (start != null) {
      Instant now = clock.instant();
      publish(new SendEvent.Sent(account, transport, now, elapsed(start, now)));
    }
  }

  void failed(String account, String transport, Instant start, MailtokenException error) {
    if (start != null) {
      Instant now = clock.instant();
      publish(new SendEvent.Failed(account, transport, now, elapsed(start, now), error));
    }
  }

  void tokenRejected(String account, String transport) {
    if (!listeners.isEmpty()) {
      publish(new SendEvent.TokenRejected(account, transport, clock.instant()));
    }
  }

  /** A clock set back during the send gives zero, not a negative span. */
  private static Duration elapsed(Instant start, Instant end) {
    return end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
  }

  private void publish(SendEvent event) {
    for (MailListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError vme) {
          throw vme;
        }
        LOG.warn("mail listener {} threw {} on {} for account={}; other listeners still run",
            listener.getClass().getName(), e.getClass().getName(), event.getClass().getSimpleName(),
            event.account());
      }
    }
  }
}
