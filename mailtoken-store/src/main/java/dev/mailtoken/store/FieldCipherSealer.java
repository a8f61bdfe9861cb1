package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.store.internal.SealedFields;
import java.util.function.Supplier;

/** {@link SealedFields} over the store's current {@link FieldCipher} (it changes when the keys rotate). Thread-safe. */
final class FieldCipherSealer implements SealedFields {
  private final Supplier<FieldCipher> cipher;

  FieldCipherSealer(Supplier<FieldCipher> cipher) {
    this.cipher = cipher;
  }

  @Override
  public String seal(String table, String column, String rowKey, Secret value) {
    return cipher.get().encrypt(table, column, rowKey, value.reveal());
  }

  @Override
  public Secret open(String table, String column, String rowKey, String sealed) throws StoreKeyException {
    return Secret.of(cipher.get().decrypt(table, column, rowKey, sealed));
  }

  @Override
  public String currentKeyId() {
    return cipher.get().keys().currentKeyId();
  }
}
