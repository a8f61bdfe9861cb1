package dev.mailtoken.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key rotation did. Immutable and thread-safe.
 *
 * @param previousKeyIds the key ids the secrets and row MACs used before, in no order
 * @param currentKeyId the id every secret is encrypted and every row sealed with now: the store's current key
 * @param apps apps whose client secret was re-encrypted
 * @param accounts accounts with at least one secret re-encrypted
 * @param secrets secret fields re-encrypted in all
 * @param rows app and account rows sealed again (row MACs)
 * @param keyFile the key file that holds the new key and every older one, when the rotation wrote one
 * @param resumed true when this finished an interrupted rotation (the key file's first key was not yet
 *     the store's current key) instead of adding a new key
 */
public record KeyRotation(List<String> previousKeyIds, String currentKeyId, int apps, int accounts, int secrets,
    int rows, Optional<Path> keyFile, boolean resumed) {

  public KeyRotation {
    previousKeyIds = List.copyOf(previousKeyIds);
    Objects.requireNonNull(currentKeyId, "currentKeyId");
    Objects.requireNonNull(keyFile, "keyFile");
  }
}
