package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.store.internal.SealedFields;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The field cipher handed to the server for its own secret columns (webhook signing keys). */
class SealedFieldsTest {
  private static final Secret VALUE = Secret.of("whsec_sealed-fields-test-value-0001");

  private final KeyRing keys = KeyRing.generate();

  @Test
  void givenAValueSealedForARow_whenOpenedForTheSameRow_thenItIsTheValueAndTheStoredFormNamesTheKey() throws Exception {
    try (CredentialStore store = CredentialStore.open(SqliteDatabase.newUrl(), keys, Clock.systemUTC())) {
      SealedFields fields = store.internalSealedFields();

      String sealed = fields.seal("webhooks", "signing_key", "wh1", VALUE);

      assertThat(sealed).doesNotContain(VALUE.reveal()).startsWith(keys.currentKeyId() + ":");
      assertThat(SealedFields.keyIdOf(sealed)).isEqualTo(fields.currentKeyId()).isEqualTo(keys.currentKeyId());
      assertThat(fields.open("webhooks", "signing_key", "wh1", sealed).reveal()).isEqualTo(VALUE.reveal());
    }
  }

  @Test
  void givenAValueSealedForOneRow_whenOpenedForAnotherRowOrColumn_thenItFailsItsIntegrityCheck() throws Exception {
    try (CredentialStore store = CredentialStore.open(SqliteDatabase.newUrl(), keys, Clock.systemUTC())) {
      SealedFields fields = store.internalSealedFields();
      String sealed = fields.seal("webhooks", "signing_key", "wh1", VALUE);

      assertThatThrownBy(() -> fields.open("webhooks", "signing_key", "wh2", sealed))
          .isInstanceOf(StoreKeyException.class).hasMessageContaining("integrity");
      assertThatThrownBy(() -> fields.open("webhooks", "other", "wh1", sealed))
          .isInstanceOf(StoreKeyException.class);
    }
  }

  @Test
  void givenTheStoreKeysRotated_whenAnOldValueIsOpened_thenItStillOpensAndNewValuesUseTheNewKey() throws Exception {
    try (CredentialStore store = CredentialStore.open(SqliteDatabase.newUrl(), keys, Clock.systemUTC())) {
      SealedFields fields = store.internalSealedFields();
      String old = fields.seal("webhooks", "signing_key", "wh1", VALUE);

      KeyRing rotated = keys.rotated();
      store.rotateKeys(rotated);

      assertThat(fields.currentKeyId()).isEqualTo(rotated.currentKeyId()).isNotEqualTo(keys.currentKeyId());
      assertThat(fields.open("webhooks", "signing_key", "wh1", old).reveal()).isEqualTo(VALUE.reveal());
      assertThat(SealedFields.keyIdOf(fields.seal("webhooks", "signing_key", "wh1", VALUE)))
          .isEqualTo(rotated.currentKeyId());
    }
  }
}
