package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened while a {@link Mailer} sent a message, for a {@link MailListener}.
 * Closed set; branch with {@code instanceof}. Events name the account (the mailbox sent as) and
 * the transport ({@code smtp}, {@code gmail-api}, {@code graph}); none holds a token or message
 * content, so every event prints safely.
 *
 * <p>Every send that reaches a transport ends in exactly one {@link Sent} or {@link Failed}; a
 * {@link TokenRejected} comes before it when the server refused the token. A send refused before
 * that for bad input (an unchecked exception: no recipients, no {@code From}, a closed mailer)
 * publishes nothing.
 */
public sealed interface SendEvent {

  /** The account the message was sent as. */
  String account();

  /** The transport's name, as in {@link SendResult#transport()}. */
  String transport();

  /** When it happened, by the mailer's clock. */
  Instant at();

  /**
   * The server or API accepted the message.
   *
   * @param elapsed from the {@code send} call to the acceptance, by the mailer's clock (includes
   *     waiting for a pooled connection, connecting, and any renewal)
   */
  record Sent(String account, String transport, Instant at, Duration elapsed) implements SendEvent {
    public Sent {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /**
   * The send failed; {@code send} threw {@code error} (one of the exceptions listed on
   * {@link Mailer}).
   *
   * @param elapsed from the {@code send} call to the failure, by the mailer's clock
   */
  record Failed(String account, String transport, Instant at, Duration elapsed, MailtokenException error)
      implements SendEvent {
    public Failed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The server rejected the account's access token (SMTP {@code 334}/{@code 535}, HTTP 401), so the
   * mailer asked the token manager for a new one and tries once more: the renewal after a
   * rejection. The send's outcome follows as {@link Sent} or {@link Failed} (a second rejection:
   * {@link AuthenticationRejectedException}). Published once per rejection that led to a renewal.
   */
  record TokenRejected(String account, String transport, Instant at) implements SendEvent {
    public TokenRejected {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(at, "at");
    }
  }
}
