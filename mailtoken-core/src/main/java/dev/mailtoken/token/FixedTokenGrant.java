package dev.mailtoken.token;

import java.util.Objects;

/**
 * An access token supplied from outside, used as is until it expires or is rejected. It cannot
 * be renewed: a renewal raises {@link TokenNotRenewableException} rather than handing the
 * rejected token out again.
 *
 * @param token the access token
 */
public record FixedTokenGrant(AccessToken token) implements Grant {

  public FixedTokenGrant {
    Objects.requireNonNull(token, "token");
  }
}
