package dev.mailtoken.mail;

/**
 * Receives a {@link Mailer}'s {@link SendEvent}s: what metrics and application events are built
 * on. Set with {@link MailerBuilder#listener}.
 *
 * <p>Called on the sending thread (for {@code sendAsync}, the mailer's executor), after the step
 * it reports and with no lock held; a renewal is reported while the send still holds its pooled
 * connection's permit. So a listener must be fast, must not throw, must not block and must not
 * send through the mailer. One that throws is caught, logged at WARN with its class, and the
 * other listeners still run; the send is not affected.
 */
@FunctionalInterface
public interface MailListener {

  /** Does nothing: the default. */
  MailListener NONE = event -> { };

  void onEvent(SendEvent event);
}
