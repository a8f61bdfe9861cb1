package dev.mailtoken.server.account;

import java.util.Objects;

/**
 * What deleting an account did.
 *
 * @param revokedAtProvider true when the provider confirmed the grant is gone (revoked now, or
 *     already invalid); false when it has no revocation endpoint (Microsoft)
 * @param message what happened at the provider and, if the grant lives on, how to remove it
 */
public record Removal(String account, boolean revokedAtProvider, String message) {
  public Removal {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(message, "message");
  }
}
