package dev.mailtoken.token;

import java.util.Objects;

/**
 * One mailbox a program sends as, with the grant that yields its tokens.
 *
 * @param address the mailbox address, the account's key in a {@link TokenManager}
 * @param grant how the account gets tokens
 */
public record Account(String address, Grant grant) {

  public Account {
    Objects.requireNonNull(address, "address");
    if (address.isBlank()) {
      throw new IllegalArgumentException("an account address must not be blank");
    }
    Objects.requireNonNull(grant, "grant");
  }
}
