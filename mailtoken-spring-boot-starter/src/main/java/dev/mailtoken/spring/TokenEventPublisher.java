package dev.mailtoken.spring;

import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenListener;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes each {@link TokenEvent} as a Spring application event (a {@code PayloadApplicationEvent}
 * of the event), so {@code @EventListener void on(TokenEvent.ReauthorizationRequired e)} receives it.
 * Runs on the token manager's listener thread; Spring's listeners run there too, unless the
 * application made its event multicaster asynchronous. Thread-safe.
 */
final class TokenEventPublisher implements TokenListener {
  private final ApplicationEventPublisher publisher;

  TokenEventPublisher(ApplicationEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void onEvent(TokenEvent event) {
    publisher.publishEvent(event);
  }
}
