package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link KeyRotationInAnotherProcessBehaviour} on PostgreSQL, plus a rotation killed (SIGKILL) after
 * it wrote the new key and before it re-encrypted anything: PostgreSQL lets a test hold the
 * rotating process there with a table lock.
 */
@ExtendWith(PostgresDatabases.class)
class PostgresKeyRotationInAnotherProcessTest extends KeyRotationInAnotherProcessBehaviour {
  private PostgresServer server;

  @BeforeEach
  void usePostgres(PostgresServer server) {
    this.server = server;
  }

  @Override
  String newDatabaseUrl() throws Exception {
    return server.newDatabase();
  }

  @Test
  void givenRotatingProcessKilledAfterWritingTheNewKey_whenTheStoreIsUsedAgain_thenNothingIsLostAndRotationFinishes()
      throws Exception {
    storeWithAccount(ALICE);
    startChild();
    try (Connection blocker = raw(); Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE accounts IN ROW EXCLUSIVE MODE");   // the rotation waits here, after writing the key file

      tell("rotate");
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> KeyRing.readFile(keyFile).keyIds().size() == 2);
      child().destroyForcibly();
      assertThat(child().waitFor(30, TimeUnit.SECONDS)).isTrue();
      blocker.rollback();
    }
    KeyRing afterCrash = KeyRing.readFile(keyFile);
    logs.forbid(afterCrash.currentKeyBase64().reveal());

    assertThat(afterCrash.keyIds()).endsWith(keys.currentKeyId());
    assertThat(open(keys).secrets(ALICE).orElseThrow().refreshToken()).isPresent();   // the old key alone still works
    CredentialStore store = open(afterCrash);
    assertThat(store.freshToken(ALICE, false, client).value().reveal()).isNotBlank();
    KeyRotation finished = store.rotateKeyFile(keyFile);
    assertThat(finished.resumed()).isTrue();
    assertThat(finished.currentKeyId()).isEqualTo(afterCrash.currentKeyId());
    assertThat(open(KeyRing.readFile(keyFile)).secrets(ALICE).orElseThrow().accessToken()).isPresent();
  }
}
