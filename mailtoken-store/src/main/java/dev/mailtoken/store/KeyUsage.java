package dev.mailtoken.store;

import java.util.Objects;

/**
 * How much of a store one key id is used for: {@code mailtoken keys status}. A key can be retired
 * ({@link CredentialStore#retireKey}) when it is not current and {@link #total()} is 0. Immutable.
 *
 * @param keyId the key id (first 8 hex digits of the key's SHA-256)
 * @param current true for the store's current key: every new value is encrypted and sealed under it
 * @param inKeyRing true when this process holds the key (false: values under it cannot be read here)
 * @param encryptedFields secret fields encrypted under it (client secrets, account secrets, the key check,
 *     and the values of other modules' registered sealed columns, such as webhook signing keys)
 * @param rowMacs app and account rows whose MAC was made with it
 */
public record KeyUsage(String keyId, boolean current, boolean inKeyRing, long encryptedFields, long rowMacs) {

  public KeyUsage {
    Objects.requireNonNull(keyId, "keyId");
  }

  /** Fields and row MACs together. */
  public long total() {
    return encryptedFields + rowMacs;
  }
}
