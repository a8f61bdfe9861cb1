package dev.mailtoken.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CredentialStore#rotateKeys(KeyRing)} did. Immutable and thread-safe.
 *
 * @param previousKeyIds the key ids the secrets were encrypted with before, in no order
 * @param currentKeyId the id every secret is encrypted with now
 * @param apps apps whose client secret was re-encrypted
 * @param accounts accounts with at least one secret re-encrypted
 * @param secrets secret fields re-encrypted in all
 */
public record KeyRotation(List<String> previousKeyIds, String currentKeyId, int apps, int accounts, int secrets) {

  public KeyRotation {
    previousKeyIds = List.copyOf(previousKeyIds);
    Objects.requireNonNull(currentKeyId, "currentKeyId");
  }
}
