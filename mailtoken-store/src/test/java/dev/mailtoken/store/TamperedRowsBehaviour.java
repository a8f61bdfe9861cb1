package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.Endpoint;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Someone with write access to the database but not the key changes a column that decides where a
 * secret goes or how it is used: the row is refused before any network request, and the
 * attacker's loopback listener sees no connection. Run on SQLite and PostgreSQL.
 */
abstract class TamperedRowsBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";
  static final String OTHER_APP = "other-app";

  final ConnectionCounter attacker = new ConnectionCounter();

  @AfterEach
  void closeAttacker() throws Exception {
    attacker.close();
  }

  static List<String> appColumns() {
    return RowSeal.APP_COLUMNS;
  }

  static List<String> accountColumns() {
    return RowSeal.ACCOUNT_COLUMNS;
  }

  @ParameterizedTest(name = "apps.{0}")
  @MethodSource("appColumns")
  void givenAppColumnChangedWithPlainSql_whenRefreshing_thenRefusedBeforeAnyRequest(String column) throws Exception {
    CredentialStore store = storeWithAccount(ALICE);

    tamper("apps", column, "name", APP);

    assertThatThrownBy(() -> store.freshToken(ALICE, true, client)).isInstanceOf(TamperedRowException.class)
        .hasMessageContaining("App " + APP + " was changed without the store key").hasMessageContaining("re-add it");
    assertThatThrownBy(() -> store.app(APP)).isInstanceOf(TamperedRowException.class);
    assertThatThrownBy(store::apps).isInstanceOf(TamperedRowException.class);
    assertThat(attacker.connections()).isZero();
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isZero();
  }

  @ParameterizedTest(name = "accounts.{0}")
  @MethodSource("accountColumns")
  void givenAccountColumnChangedWithPlainSql_whenTokenAsked_thenRefusedBeforeAnyRequest(String column)
      throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    store.addApp(attackersApp());   // a legitimate app, added through the store, whose endpoint is the listener
    store.freshToken(ALICE, false, client);

    tamper("accounts", column, "address", ALICE);

    assertThatThrownBy(() -> store.freshToken(ALICE, true, client)).isInstanceOf(TamperedRowException.class)
        .hasMessageContaining("Account " + ALICE + " was changed without the store key");
    assertThatThrownBy(() -> store.cachedAccessToken(ALICE, Duration.ZERO)).isInstanceOf(TamperedRowException.class);
    assertThatThrownBy(() -> store.secrets(ALICE)).isInstanceOf(TamperedRowException.class);
    assertThat(attacker.connections()).isZero();
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenRowMacSetToNull_whenRead_thenRefused() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);

    execute("UPDATE apps SET row_mac = NULL");
    execute("UPDATE accounts SET row_mac = NULL");

    assertThatThrownBy(() -> store.app(APP)).isInstanceOf(TamperedRowException.class);
    assertThatThrownBy(() -> store.secrets(ALICE)).isInstanceOf(TamperedRowException.class);
    assertThatThrownBy(() -> open().freshToken(ALICE, false, client)).isInstanceOf(TamperedRowException.class);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isZero();
  }

  @Test
  void givenRowMacCopiedFromAnIdenticalRowUnderAnotherName_whenRead_thenRefused() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    StoredApp same = app();
    store.addApp(new StoredApp("copy", same.kind(), same.tenant(), same.issuer(), same.tokenEndpoint(),
        same.authorizationEndpoint(), same.revocationEndpoint(), same.userinfoEndpoint(), same.clientId(),
        same.clientSecret(), same.redirectUri(), same.scopes(), same.smtpHost(), same.smtpPort()));

    execute("UPDATE apps SET row_mac = (SELECT a.row_mac FROM apps a WHERE a.name = 'copy') WHERE name = '" + APP + "'");

    assertThatThrownBy(() -> store.app(APP)).isInstanceOf(TamperedRowException.class);
    assertThat(store.app("copy")).isPresent();
  }

  @Test
  void givenKeyCheckDeletedFromADatabaseWithRows_whenOpened_thenRefusedInsteadOfStartingOver() throws Exception {
    storeWithAccount(ALICE);
    execute("UPDATE accounts SET row_mac = NULL");

    execute("DELETE FROM store_meta");

    assertThatThrownBy(this::open).isInstanceOf(TamperedRowException.class).hasMessageContaining("key_check");
  }

  @Test
  void givenEditsThroughTheStore_whenRefreshing_thenTheyAreSealedAndWork() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    StoredApp same = app();
    store.addApp(new StoredApp("second", same.kind(), same.tenant(), same.issuer(), same.tokenEndpoint(),
        same.authorizationEndpoint(), same.revocationEndpoint(), same.userinfoEndpoint(), same.clientId(),
        same.clientSecret(), same.redirectUri(), same.scopes(), same.smtpHost(), same.smtpPort()));
    long version = store.account(ALICE).orElseThrow().version();

    store.updateAccount(ALICE, version, AccountEdit.none().withAppName("second").withSubject("alice")
        .withGrantedScopes(SCOPES));

    assertThat(store.freshToken(ALICE, true, client).value().reveal()).isNotBlank();
    assertThat(open().account(ALICE).orElseThrow().appName()).isEqualTo("second");
    assertThat(store.removeApp(APP)).isTrue();
    store.addApp(app());
    assertThat(store.app(APP)).contains(app());
  }

  @Test
  void givenTamperedAccount_whenAuthorizedAgain_thenUsableAgain() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    tamper("accounts", "subject", "address", ALICE);

    store.replaceAccount(newAccount(ALICE));

    assertThat(store.freshToken(ALICE, false, client).value().reveal()).isNotBlank();
  }

  @Test
  void givenTamperedAccount_whenEditedThroughTheStore_thenRefusedNotSealedAgain() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    tamper("accounts", "subject", "address", ALICE);
    long version = store.account(ALICE).orElseThrow().version();

    assertThatThrownBy(() -> store.updateAccount(ALICE, version, AccountEdit.none().withSubject("x")))
        .isInstanceOf(TamperedRowException.class);
    assertThatThrownBy(() -> store.secrets(ALICE)).isInstanceOf(TamperedRowException.class);
  }

  @Test
  void givenTamperedApp_whenUpdatedThroughTheStore_thenRefusedNotSealedAgain() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    tamper("apps", "token_endpoint", "name", APP);

    assertThatThrownBy(() -> store.updateApp(app())).isInstanceOf(TamperedRowException.class);
    assertThatThrownBy(() -> store.app(APP)).isInstanceOf(TamperedRowException.class);
  }

  @Test
  void givenTheKeyCheckRemoved_whenTheKeyIsVerified_thenRefused() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    store.verifyKey();
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM store_meta WHERE name = 'key_check'");
    }

    assertThatThrownBy(store::verifyKey).isInstanceOf(TamperedRowException.class);
  }

  @Test
  void givenTamperedRow_whenKeysRotated_thenRefusedAndNothingChanged() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    tamper("apps", "token_endpoint", "name", APP);

    assertThatThrownBy(() -> store.rotateKeys(KeyRing.generate())).isInstanceOf(TamperedRowException.class);

    assertThat(open(keys).secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  @Test
  void givenRotatedKeys_whenRowsRead_thenSealedUnderTheNewKeyAndStillAccepted() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    KeyRing next = KeyRing.generate();
    logs.forbid(next.currentKeyBase64().reveal());

    KeyRotation rotation = store.rotateKeys(next);

    assertThat(rotation.rows()).isEqualTo(2);
    assertThat(rawColumn("SELECT row_mac FROM apps")).startsWith(next.currentKeyId() + ":");
    assertThat(rawColumn("SELECT row_mac FROM accounts")).startsWith(next.currentKeyId() + ":");
    assertThat(open(next).freshToken(ALICE, false, client).value().reveal()).isNotBlank();
  }

  @Test
  void givenDatabaseFromBeforeRowMacs_whenOpenedWithTheKey_thenRowsAreSealedOnceAndTamperingIsRefusedAfterwards()
      throws Exception {
    LegacyDatabase.create(url(), keys, app(), ALICE, issueRefreshToken(ALICE));

    CredentialStore store = open();

    assertThat(rawColumn("SELECT row_mac FROM apps")).startsWith(keys.currentKeyId() + ":");
    assertThat(store.freshToken(ALICE, false, client).value().reveal()).isNotBlank();
    execute("UPDATE accounts SET row_mac = NULL");
    assertThatThrownBy(() -> open().freshToken(ALICE, true, client)).isInstanceOf(TamperedRowException.class);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  /** A legitimate second app whose every endpoint is the attacker's listener. */
  StoredApp attackersApp() {
    URI evil = attacker.uri("/token");
    return new StoredApp(OTHER_APP, ProviderKind.CUSTOM, Optional.empty(), Optional.of(attacker.uri("")), evil,
        Optional.of(attacker.uri("/authorize")), Optional.of(attacker.uri("/revoke")), Optional.empty(), CLIENT_ID,
        Optional.of(Secret.of(CLIENT_SECRET)), Optional.empty(), SCOPES, Optional.of("127.0.0.1"), attacker.port());
  }

  /** One plain SQL UPDATE of {@code column}, with a value that points at the attacker where it can. */
  void tamper(String table, String column, String keyColumn, String key) throws Exception {
    try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET " + column + " = ? WHERE " + keyColumn + " = ?")) {
      switch (column) {
        case "smtp_port" -> ps.setInt(1, attacker.port());
        case "provider_kind" -> ps.setString(1, "GOOGLE");
        case "grant_kind" -> ps.setString(1, "SERVICE_ACCOUNT");
        case "app_name" -> ps.setString(1, OTHER_APP);
        case "scopes", "granted_scopes" -> ps.setString(1, "https://mail.example.com/send openid");
        case "smtp_host" -> ps.setString(1, "127.0.0.2");
        case "client_id", "subject", "tenant" -> ps.setString(1, "attacker");
        case "transport" -> ps.setString(1, "graph");
        case "smtp_security" -> ps.setString(1, "none");
        case "sasl" -> ps.setString(1, "xoauth2");
        default -> ps.setString(1, attacker.uri("/" + column).toString());   // endpoints, issuer, redirect URI
      }
      ps.setString(2, key);
      assertThat(ps.executeUpdate()).as("rows changed").isEqualTo(1);
    }
  }

  void execute(String sql) throws Exception {
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  String rawColumn(String sql) throws Exception {
    try (Connection c = raw(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
