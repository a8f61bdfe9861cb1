package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import java.util.Objects;

/**
 * What a send returned. Immutable and thread-safe.
 *
 * @param account the account the message was sent as
 * @param messageId the MIME {@code Message-ID} of the message sent; for raw bytes the value of
 *     their {@code Message-ID} field, empty when they have none
 * @param serverReply the server's final reply: the SMTP reply to the message data, or the API's
 *     response body (Gmail's includes its own message id); trimmed, control characters escaped
 *     Java-style ({@code \n}, {@code \}{@code u001b})
 * @param transport "smtp", "gmail-api" or "graph"
 */
public record SendResult(String account, String messageId, String serverReply, String transport) {

  public SendResult {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(messageId, "messageId");
    serverReply = ServerText.printable(Objects.requireNonNull(serverReply, "serverReply").strip());
    Objects.requireNonNull(transport, "transport");
  }
}
