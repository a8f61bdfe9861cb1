package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link CredentialStore#openExisting}: uses a store that is there, never creates one. */
abstract class OpenExistingBehaviour extends StoreTestSupport {

  @Test
  void givenNoStore_whenOpenedAsExisting_thenNoSuchStoreAndNothingCreated() throws Exception {
    assertThatThrownBy(() -> CredentialStore.openExisting(url(), keys, clock))
        .isInstanceOf(NoSuchStoreException.class).hasMessageContaining("nothing was created");

    assertThatThrownBy(() -> CredentialStore.openExisting(url(), keys, clock))
        .as("still no store after the first attempt").isInstanceOf(NoSuchStoreException.class);
  }

  @Test
  void givenStoreCreatedByOpen_whenOpenedAsExisting_thenItsAccountsAreThere() throws Exception {
    storeWithAccount("alice@example.com");

    CredentialStore again = CredentialStore.openExisting(url(), keys, clock);
    opened.add(again);

    assertThat(again.account("alice@example.com")).isPresent();
  }
}
