package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ExpiresInStyle;
import dev.mailtoken.testkit.ProviderEmulatorBuilder;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A provider that sends no {@code expires_in}: the stored token counts as expiring
 * {@link TokenResponse#ASSUMED_LIFETIME} after it was fetched, in every process, and the account
 * says its expiry is unknown.
 */
abstract class UnknownExpiryBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @Override
  ProviderEmulatorBuilder emulatorOptions(ProviderEmulatorBuilder builder) {
    return builder.expiresIn(ExpiresInStyle.OMITTED);
  }

  @Test
  void givenNoExpiresIn_whenTheTokenIsFetched_thenItCarriesTheAssumedExpiryAndTheAccountSaysUnknown()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);

    AccessToken token = store.freshToken(ALICE, false, client);

    assertThat(token.expiresAt()).contains(START.plus(TokenResponse.ASSUMED_LIFETIME));
    StoredAccount account = store.account(ALICE).orElseThrow();
    assertThat(account.accessTokenExpiresAt()).isEmpty();
    assertThat(account.hasAccessToken()).isTrue();
    assertThat(account.assumedAccessTokenExpiry()).contains(START.plus(TokenResponse.ASSUMED_LIFETIME));
  }

  @Test
  void givenNoExpiresIn_whenAskedAfterTheAssumedLifetime_thenTheCacheIsEmptyAndANewTokenIsFetched()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    AccessToken first = store.freshToken(ALICE, false, client);

    clock.advance(TokenResponse.ASSUMED_LIFETIME.plusMinutes(1));

    assertThat(store.cachedAccessToken(ALICE, Duration.ofSeconds(60))).isEmpty();
    assertThat(open().freshToken(ALICE, false, client).value()).isNotEqualTo(first.value());
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenNoExpiresIn_whenAnotherProcessAsksSoonAfter_thenItGetsTheStoredTokenWithItsOriginalExpiry()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    AccessToken first = store.freshToken(ALICE, false, client);

    clock.advance(Duration.ofMinutes(2));

    assertThat(open().cachedAccessToken(ALICE, Duration.ofSeconds(60))).get()
        .satisfies(t -> assertThat(t.value()).isEqualTo(first.value()))
        .satisfies(t -> assertThat(t.expiresAt()).isEqualTo(first.expiresAt()));
  }
}
