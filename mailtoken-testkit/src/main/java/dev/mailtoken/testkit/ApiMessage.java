package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message accepted by one of the {@link ProviderEmulator}'s HTTP send endpoints. Immutable:
 * {@link #mime()} returns a copy.
 *
 * @param api {@code "gmail"} (users.messages.send) or {@code "graph"} (sendMail, MIME form)
 * @param user the token's user (Graph app-only: the mailbox named in the path)
 * @param mime the decoded MIME message
 */
public record ApiMessage(String api, String user, byte[] mime) {
  public ApiMessage {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(user, "user");
    mime = mime.clone();
  }

  @Override
  public byte[] mime() {
    return mime.clone();
  }

  /** The MIME message decoded as UTF-8. */
  public String text() {
    return new String(mime, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ApiMessage[api=" + api + ", user=" + user + ", bytes=" + mime.length + "]";
  }
}
