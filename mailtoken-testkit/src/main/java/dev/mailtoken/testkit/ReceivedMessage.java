package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message an {@link SmtpEmulator} accepted. Immutable: {@link #data()} returns a copy.
 *
 * @param authenticatedUser the user of the session's accepted AUTH (as the client sent it)
 * @param mechanism the SASL mechanism of that AUTH ({@code XOAUTH2} or {@code OAUTHBEARER})
 * @param envelopeFrom the {@code MAIL FROM} address (empty for the null reverse path {@code <>})
 * @param recipients the {@code RCPT TO} addresses, in order
 * @param data the message as received, dot-unstuffed, lines ending in CRLF, without the final {@code .}
 * @param receivedAt when the emulator accepted it (by the emulator clock)
 */
public record ReceivedMessage(String authenticatedUser, String mechanism, String envelopeFrom, List<String> recipients,
    byte[] data, Instant receivedAt) {
  public ReceivedMessage {
    Objects.requireNonNull(authenticatedUser, "authenticatedUser");
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(envelopeFrom, "envelopeFrom");
    recipients = List.copyOf(recipients);
    data = data.clone();
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data decoded as UTF-8 (convenient for assertions on headers and text bodies). */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ReceivedMessage[user=" + authenticatedUser + ", mechanism=" + mechanism + ", from=" + envelopeFrom
        + ", recipients=" + recipients + ", bytes=" + data.length + ", receivedAt=" + receivedAt + "]";
  }
}
