package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.oauth.App;
import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Apps and accounts: add, read back, duplicates, replace, edits with version checks, revoke. Run on SQLite and PostgreSQL. */
abstract class AppsAndAccountsBehaviour extends StoreTestSupport {

  @Test
  void givenStoredApp_whenReadBack_thenItRebuildsTheSameAppWithEmulatorEndpoints() throws Exception {
    CredentialStore store = open();
    store.addApp(app());

    StoredApp read = store.app(APP).orElseThrow();
    App rebuilt = read.toApp();

    assertThat(read).isEqualTo(app());
    assertThat(rebuilt.provider().tokenEndpoint()).isEqualTo(emulator.tokenEndpoint());
    assertThat(rebuilt.provider().deviceAuthorizationEndpoint()).contains(emulator.deviceEndpoint());
    assertThat(rebuilt.clientSecret()).contains(Secret.of(CLIENT_SECRET));
    assertThat(rebuilt.scopes()).isEqualTo(SCOPES);
    assertThat(store.apps()).extracting(StoredApp::name).containsExactly(APP);
  }

  @Test
  void givenAnAppStoredBeforeDeviceEndpointsWereRecorded_whenTheStoreOpens_thenItMigratesAndTheAppReadsBack()
      throws Exception {
    org.flywaydb.core.Flyway.configure().dataSource(url(), null, null).locations("classpath:db/mailtoken")
        .table(StoreSchema.HISTORY_TABLE).target("1").load().migrate();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url());
        java.sql.Statement s = c.createStatement()) {
      // Version 1 wrote its key check when the store was first opened with a key.
      s.executeUpdate("INSERT INTO store_meta (name, value) VALUES ('key_check', '"
          + new FieldCipher(keys).encrypt("store_meta", "value", "key_check", "mailtoken key check") + "')");
      s.executeUpdate("INSERT INTO apps (name, provider_kind, token_endpoint, client_id, scopes, smtp_port, created_at,"
          + " updated_at) VALUES ('old-app', 'MICROSOFT', 'https://login.microsoftonline.com/common/oauth2/v2.0/token',"
          + " 'cid', 'https://outlook.office.com/SMTP.Send offline_access', 587, 1, 1)");
    }

    StoredApp old = open().app("old-app").orElseThrow();

    assertThat(old.deviceAuthorizationEndpoint()).isEmpty();
    assertThat(old.toApp().provider().deviceAuthorizationEndpoint()).contains(
        java.net.URI.create("https://login.microsoftonline.com/common/oauth2/v2.0/devicecode"));
  }

  @Test
  void givenApp_whenAddedAgain_thenDuplicateEntry() throws Exception {
    CredentialStore store = open();
    store.addApp(app());

    assertThatThrownBy(() -> store.addApp(app())).isInstanceOf(DuplicateEntryException.class)
        .hasMessageContaining(APP);
  }

  @Test
  void givenAppWithAnAccount_whenUpdatedInPlace_thenTheNewValuesReadBackSealedAndTheAccountStaysAttached()
      throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    StoredApp changed = new StoredApp(APP, ProviderKind.CUSTOM, Optional.empty(), Optional.of(emulator.issuer()),
        emulator.tokenEndpoint(), Optional.empty(), Optional.empty(), Optional.of(emulator.userinfoEndpoint()),
        CLIENT_ID, Optional.of(Secret.of(CLIENT_SECRET)), Optional.empty(), List.of("https://mail.example.com/send",
        "openid"), Optional.of("smtp.example.net"), 465, Optional.empty());

    boolean updated = store.updateApp(changed);

    assertThat(updated).isTrue();
    assertThat(store.app(APP)).contains(changed);
    assertThat(store.account("alice@example.com").orElseThrow().appName()).isEqualTo(APP);
    assertThat(store.freshToken("alice@example.com", true, client).value().reveal()).isNotBlank();
  }

  @Test
  void givenAppWithAnAccount_whenSmtpChoicesAreSetAndCleared_thenTheyReadBackSealedAndTheAccountStillRefreshes()
      throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    StoredApp chosen = app().withSmtpChoices(Optional.of("tls"), Optional.of("oauthbearer"));

    store.updateApp(chosen);
    StoredApp read = store.app(APP).orElseThrow();
    store.updateApp(read.withSmtpChoices(Optional.empty(), Optional.empty()));

    assertThat(read.smtpSecurity()).contains("tls");
    assertThat(read.sasl()).contains("oauthbearer");
    assertThat(store.app(APP)).contains(app());
    assertThat(store.freshToken("alice@example.com", true, client).value().reveal()).isNotBlank();
  }

  @Test
  void givenAnAppSealedBeforeTheSmtpChoiceColumns_whenTheStoreMigrates_thenItStillVerifiesWithoutChoices()
      throws Exception {
    open().addApp(app());
    try (java.sql.Connection c = raw(); java.sql.Statement s = c.createStatement()) {
      // Back to schema version 7: the row as that version wrote and sealed it.
      s.executeUpdate("ALTER TABLE apps DROP COLUMN smtp_security");
      s.executeUpdate("ALTER TABLE apps DROP COLUMN sasl");
      s.executeUpdate("DROP INDEX accounts_address_lower");
      s.executeUpdate("DELETE FROM " + StoreSchema.HISTORY_TABLE + " WHERE version IN ('8', '9')");
    }

    StoredApp migrated = open().app(APP).orElseThrow();

    assertThat(migrated).isEqualTo(app());
    assertThat(migrated.smtpSecurity()).isEmpty();
    assertThat(migrated.sasl()).isEmpty();
  }

  @Test
  void givenAnUnknownSmtpSecurityOrSasl_whenMakingAnApp_thenIllegalArgumentNamingTheValues() {
    assertThatThrownBy(() -> app().withSmtpChoices(Optional.of("ssl"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tls, starttls or none");
    assertThatThrownBy(() -> app().withSmtpChoices(Optional.empty(), Optional.of("plain")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xoauth2 or oauthbearer");
  }

  @Test
  void givenAppWithASecret_whenUpdatedWithout_thenTheSecretIsRemoved() throws Exception {
    CredentialStore store = open();
    store.addApp(app());
    StoredApp a = app();

    store.updateApp(new StoredApp(a.name(), a.kind(), a.tenant(), a.issuer(), a.tokenEndpoint(),
        a.authorizationEndpoint(), a.revocationEndpoint(), a.userinfoEndpoint(), a.clientId(), Optional.empty(),
        a.redirectUri(), a.scopes(), a.smtpHost(), a.smtpPort(), a.deviceAuthorizationEndpoint()));

    assertThat(store.app(APP).orElseThrow().clientSecret()).isEmpty();
  }

  @Test
  void givenNoSuchApp_whenUpdated_thenFalseAndNothingAdded() throws Exception {
    CredentialStore store = open();

    assertThat(store.updateApp(app())).isFalse();
    assertThat(store.apps()).isEmpty();
  }

  @Test
  void givenAccountUsingApp_whenAppRemoved_thenAppInUseAndAppKept() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    assertThatThrownBy(() -> store.removeApp(APP)).isInstanceOf(AppInUseException.class)
        .hasMessageContaining("alice@example.com");
    assertThat(store.app(APP)).isPresent();
  }

  @Test
  void givenAppWithoutAccounts_whenRemoved_thenGone() throws Exception {
    CredentialStore store = open();
    store.addApp(app());

    assertThat(store.removeApp(APP)).isTrue();
    assertThat(store.app(APP)).isEmpty();
    assertThat(store.removeApp(APP)).isFalse();
  }

  @Test
  void givenAccountForUnknownApp_whenPut_thenNoSuchEntry() throws Exception {
    CredentialStore store = open();

    assertThatThrownBy(() -> store.putAccount(newAccount("alice@example.com")))
        .isInstanceOf(NoSuchEntryException.class).hasMessageContaining(APP);
  }

  @Test
  void givenAccount_whenPutAgain_thenDuplicateEntryAndNothingChanged() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    Secret before = store.secrets("alice@example.com").orElseThrow().refreshToken().orElseThrow();

    assertThatThrownBy(() -> store.putAccount(newAccount("alice@example.com")))
        .isInstanceOf(DuplicateEntryException.class);
    assertThat(store.secrets("alice@example.com").orElseThrow().refreshToken()).contains(before);
  }

  @Test
  void givenAccount_whenListed_thenItShowsStatusAndScopesButNoSecret() throws Exception {
    CredentialStore store = open();
    store.addApp(app());
    NewAccount account = newAccount("alice@example.com");
    StoredAccount stored = store.putAccount(account);

    assertThat(stored.health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.hasRefreshToken()).isTrue();
    assertThat(stored.grantedScopes()).isEqualTo(SCOPES);
    assertThat(stored.createdAt()).isEqualTo(START);
    assertThat(store.accounts()).containsExactly(stored);
    assertThat(stored.toString()).doesNotContain(account.refreshToken().orElseThrow().reveal());
    assertThat(account.toString()).doesNotContain(account.refreshToken().orElseThrow().reveal());
  }

  @Test
  void givenAccountWithTokens_whenSecretsAsked_thenTheyAreDecrypted() throws Exception {
    CredentialStore store = open();
    store.addApp(app());
    Secret refreshToken = issueRefreshToken("alice@example.com");
    AccessToken accessToken = AccessToken.of("first-access-token-x1", START.plus(Duration.ofHours(1)));
    store.putAccount(NewAccount.withRefreshToken("alice@example.com", APP, refreshToken, SCOPES,
        Optional.of(accessToken)));

    AccountSecrets secrets = store.secrets("alice@example.com").orElseThrow();

    assertThat(secrets.refreshToken()).contains(refreshToken);
    assertThat(secrets.accessToken().orElseThrow().value()).isEqualTo(accessToken.value());
    assertThat(secrets.accessToken().orElseThrow().expiresAt()).isEqualTo(accessToken.expiresAt());
    assertThat(store.account("alice@example.com").orElseThrow().lastRefresh()).contains(START);
  }

  @Test
  void givenAccountNeedingReauthorization_whenReplaced_thenHealthyWithNewTokenAndNewVersion() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    store.markReauthorizationRequired("alice@example.com", "invalid_grant");
    NewAccount again = newAccount("alice@example.com");

    StoredAccount replaced = store.replaceAccount(again);

    assertThat(replaced.health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(replaced.lastError()).isEmpty();
    assertThat(replaced.version()).isEqualTo(3);
    assertThat(store.secrets("alice@example.com").orElseThrow().refreshToken()).isEqualTo(again.refreshToken());
  }

  @Test
  void givenReasonWithControlCharacters_whenMarkedForReauthorization_thenTheLastErrorHoldsThemEscaped()
      throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    store.markReauthorizationRequired("alice@example.com", "invalid_grant\u001b[2J\r\nforged line");

    assertThat(store.account("alice@example.com").orElseThrow().lastError())
        .contains("invalid_grant\\u001b[2J\\r\\nforged line");
  }

  @Test
  void givenRawControlCharactersWrittenToTheRow_whenRead_thenTheLastErrorHoldsThemEscaped() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    try (java.sql.Connection c = raw(); java.sql.PreparedStatement ps = c.prepareStatement(
        "UPDATE accounts SET last_error = ? WHERE address = ?")) {
      ps.setString(1, "older version\u0007\u001b]0;title");
      ps.setString(2, "alice@example.com");
      ps.executeUpdate();
    }

    assertThat(store.account("alice@example.com").orElseThrow().lastError())
        .contains("older version\\u0007\\u001b]0;title");
  }

  @Test
  void givenStaleVersion_whenAccountEdited_thenConcurrentEditAndNothingWritten() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    long read = store.account("alice@example.com").orElseThrow().version();
    store.updateAccount("alice@example.com", read, AccountEdit.none().withSubject("first"));

    assertThatThrownBy(() -> store.updateAccount("alice@example.com", read, AccountEdit.none().withSubject("second")))
        .isInstanceOf(ConcurrentEditException.class).hasMessageContaining("expected version 1, found 2");
    assertThat(store.account("alice@example.com").orElseThrow().subject()).contains("first");
  }

  @Test
  void givenNoAccount_whenEdited_thenFalse() throws Exception {
    CredentialStore store = open();

    assertThat(store.updateAccount("nobody@example.com", 1, AccountEdit.none().withSubject("x"))).isFalse();
  }

  @Test
  void givenAdminEditReadBeforeARefreshRotated_whenApplied_thenRejectedAndRotatedTokenKept() throws Exception {
    CredentialStore admin = storeWithAccount("alice@example.com");
    CredentialStore sender = open();
    StoredAccount readByAdmin = admin.account("alice@example.com").orElseThrow();
    Secret old = admin.secrets("alice@example.com").orElseThrow().refreshToken().orElseThrow();
    sender.freshToken("alice@example.com", false, client);   // rotates the refresh token
    Secret rotated = sender.secrets("alice@example.com").orElseThrow().refreshToken().orElseThrow();

    assertThatThrownBy(() -> admin.updateAccount("alice@example.com", readByAdmin.version(),
        AccountEdit.none().withRefreshToken(old))).isInstanceOf(ConcurrentEditException.class);

    assertThat(rotated).isNotEqualTo(old);
    assertThat(admin.secrets("alice@example.com").orElseThrow().refreshToken()).contains(rotated);
  }

  @Test
  void givenAccount_whenSecretsCleared_thenRevokedWithoutSecrets() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    store.freshToken("alice@example.com", false, client);

    store.clearSecrets("alice@example.com");

    StoredAccount account = store.account("alice@example.com").orElseThrow();
    assertThat(account.health()).isEqualTo(AccountHealth.REVOKED);
    assertThat(account.hasRefreshToken()).isFalse();
    assertThat(store.secrets("alice@example.com").orElseThrow())
        .isEqualTo(new AccountSecrets("alice@example.com", Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty()));
    assertThat(store.cachedAccessToken("alice@example.com", Duration.ZERO)).isEmpty();
  }

  @Test
  void givenAccount_whenRemoved_thenGone() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    assertThat(store.removeAccount("alice@example.com")).isTrue();
    assertThat(store.account("alice@example.com")).isEmpty();
    assertThat(store.secrets("alice@example.com")).isEmpty();
    assertThat(store.removeAccount("alice@example.com")).isFalse();
  }

  @Test
  void givenFixedTokenAccount_whenTokenAsked_thenTheFixedTokenUntilItExpires() throws Exception {
    CredentialStore store = open();
    store.addApp(app());
    AccessToken fixed = AccessToken.of("fixed-token-value-9", START.plus(Duration.ofMinutes(30)));
    store.putAccount(NewAccount.withFixedToken("bot@example.com", APP, fixed));

    assertThat(store.freshToken("bot@example.com", false, client).value()).isEqualTo(fixed.value());
    assertThat(store.cachedAccessToken("bot@example.com", Duration.ofMinutes(5)).orElseThrow().value())
        .isEqualTo(fixed.value());
    clock.advance(Duration.ofMinutes(31));
    assertThatThrownBy(() -> store.freshToken("bot@example.com", false, client))
        .hasMessageContaining("cannot be renewed");
    assertThat(emulatorTokenRequests()).isZero();
  }

  long emulatorTokenRequests() {
    return emulator.requestCount(dev.mailtoken.testkit.Endpoint.TOKEN);
  }

  List<String> addresses(CredentialStore store) throws Exception {
    return store.accounts().stream().map(StoredAccount::address).toList();
  }

  @Test
  void givenAccountStoredInLowerCase_whenLookedUpInAnotherCase_thenFoundUnderItsStoredAddress() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    assertThat(store.account("Alice@Example.COM")).hasValueSatisfying(
        a -> assertThat(a.address()).isEqualTo("alice@example.com"));
    assertThat(store.secrets("ALICE@example.com")).isPresent();
    assertThat(store.refreshState("alice@EXAMPLE.com")).isPresent();
    assertThat(store.account("alice@example.org")).isEmpty();
  }

  @Test
  void givenAccountStoredInLowerCase_whenReplacedUnderAnotherCase_thenTheStoredRowIsReplacedNotDuplicated()
      throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    StoredAccount replaced = store.replaceAccount(newAccount("Alice@Example.com"));

    assertThat(replaced.address()).isEqualTo("alice@example.com");
    assertThat(replaced.version()).isEqualTo(2);
    assertThat(store.accounts()).extracting(StoredAccount::address).containsExactly("alice@example.com");
    assertThatThrownBy(() -> store.putAccount(newAccount("ALICE@EXAMPLE.COM")))
        .isInstanceOf(DuplicateEntryException.class);
  }

  @Test
  void givenAccountMarkedInAnotherCase_whenRead_thenTheStoredRowChanged() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    store.markReauthorizationRequired("Alice@example.com", "invalid_grant");

    assertThat(store.account("alice@example.com").orElseThrow().health())
        .isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
  }
}
