package dev.mailtoken.server.connect;

import java.time.Instant;
import java.util.Objects;

/**
 * A mailbox was connected through a connect link, and its account is stored. Holds no secret.
 *
 * @param account the mailbox address (the account's id in the store and the API)
 * @param app the app it was connected with
 * @param reconnected true when the account existed and was updated in place (e.g. it needed
 *     reauthorization), false when it is new
 * @param linkId the connect link used
 * @param at when the account was stored
 */
public record AccountConnected(String account, String app, boolean reconnected, String linkId, Instant at) {
  public AccountConnected {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(linkId, "linkId");
    Objects.requireNonNull(at, "at");
  }
}
