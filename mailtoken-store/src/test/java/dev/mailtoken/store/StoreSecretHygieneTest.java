package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.token.AccountHealth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No refresh token, access token or client secret in what the store shows: exception messages
 * (with their causes), the recorded last error, and every value's {@code toString}. Logs are
 * checked by {@link StoreTestSupport}'s LogCapture in every test.
 */
class StoreSecretHygieneTest extends StoreTestSupport {
  private static final String ALICE = "alice@example.com";

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }

  @Test
  void givenRevokedGrant_whenRefreshFails_thenNeitherTheExceptionNorTheLastErrorHoldsASecret() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    store.freshToken(ALICE, false, client);
    emulator.revokeUser(ALICE);

    Throwable thrown = catchThrowable(() -> store.freshToken(ALICE, true, client));

    assertThat(thrown).isNotNull();
    assertNoSecretIn(shown(thrown) + store.account(ALICE).orElseThrow().lastError().orElse(""));
  }

  /**
   * A provider that echoes the request in its error description: the store's last_error column
   * (and its log line) hold neither the refresh token nor the client secret. (OAuthClient cleans
   * them out of the reply; the store records its message unchanged.)
   */
  @Test
  void givenTransientFailureEchoingTheSecrets_whenRefreshing_thenTheStoredLastErrorHoldsNoSecret()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    Secret refreshToken = store.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();
    emulator.faults().next(Endpoint.TOKEN, Fault.status(500, "{\"error\":\"server_error\",\"error_description\":"
        + "\"cannot serve refresh_token=" + refreshToken.reveal() + "&client_secret=" + CLIENT_SECRET + "\"}"));

    catchThrowable(() -> store.freshToken(ALICE, false, client));

    String lastError = store.account(ALICE).orElseThrow().lastError().orElseThrow();
    assertThat(lastError).contains("server_error");
    assertNoSecretIn(lastError);
  }

  @Test
  void givenInvalidGrantEchoingTheRefreshToken_whenRefreshing_thenTheStoredLastErrorHoldsNoSecret()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    Secret refreshToken = store.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();
    emulator.faults().next(Endpoint.TOKEN, Fault.oauthError(400, "invalid_grant",
        "Token has been expired or revoked: " + refreshToken.reveal()));

    catchThrowable(() -> store.freshToken(ALICE, false, client));

    StoredAccount account = store.account(ALICE).orElseThrow();
    assertThat(account.health()).isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
    assertThat(account.lastError().orElseThrow()).contains("invalid_grant");
    assertNoSecretIn(account.lastError().orElseThrow());
  }

  @Test
  void givenStaleEditCarryingANewRefreshToken_whenRejected_thenTheConcurrentEditMessageHoldsNoSecret()
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    long read = store.account(ALICE).orElseThrow().version();
    store.freshToken(ALICE, true, client);
    Secret replacement = issueRefreshToken(ALICE);

    Throwable thrown = catchThrowable(() -> store.updateAccount(ALICE, read, AccountEdit.none()
        .withRefreshToken(replacement)));

    assertThat(thrown).isInstanceOf(ConcurrentEditException.class);
    assertNoSecretIn(shown(thrown));
  }

  @Test
  void givenAccountWithEverySecret_whenItsValuesArePrinted_thenOnlyFingerprintsShow() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    store.freshToken(ALICE, false, client);
    Secret next = issueRefreshToken(ALICE);

    String printed = String.join("\n", store.toString(), store.app(APP).orElseThrow().toString(),
        store.account(ALICE).orElseThrow().toString(), store.secrets(ALICE).orElseThrow().toString(),
        newAccount("bob@example.com").toString(), AccountEdit.none().withRefreshToken(next).toString(),
        store.accounts().toString(), store.cachedAccessToken(ALICE, java.time.Duration.ZERO).toString());

    assertThat(printed).contains(ALICE);
    assertNoSecretIn(printed);
  }

  /** Message and toString of the throwable and of every cause and suppressed exception. */
  private static String shown(Throwable thrown) {
    List<String> parts = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>(List.of(thrown));
    while (!todo.isEmpty()) {
      Throwable t = todo.remove(0);
      parts.add(t.toString());
      parts.add(String.valueOf(t.getMessage()));
      if (t.getCause() != null && t.getCause() != t) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
    }
    return String.join("\n", parts);
  }

  private void assertNoSecretIn(String text) {
    List<String> secrets = new ArrayList<>(emulator.issuedSecrets());
    secrets.add(CLIENT_SECRET);
    secrets.add(keys.currentKeyBase64().reveal());
    assertThat(emulator.issuedSecrets()).isNotEmpty();
    for (String secret : secrets) {
      assertThat(text).as("a secret is shown").doesNotContain(secret);
    }
  }
}
