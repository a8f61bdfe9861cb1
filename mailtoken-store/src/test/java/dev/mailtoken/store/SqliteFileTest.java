package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.oauth.Secret;
import dev.mailtoken.testkit.ServiceAccountKeyFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SQLite file itself: no secret in clear anywhere in it (or its WAL), owner-only permissions. */
class SqliteFileTest extends StoreTestSupport {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }

  @Test
  void givenAccountsRefreshedAndRotated_whenRawFileBytesSearched_thenNoSecretAppears() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    store.putAccount(newAccount("bob@example.com"));
    ServiceAccountKeyFile sa = emulator.createServiceAccount("robot@example.iam", SCOPES);
    store.putAccount(NewAccount.withServiceAccount("robot@example.com", APP, Secret.of(sa.json()),
        Optional.empty(), SCOPES));
    for (int round = 0; round < 3; round++) {
      store.freshToken("alice@example.com", false, client);
      store.freshToken("bob@example.com", false, client);
      clock.advance(Duration.ofHours(2));
    }
    store.freshToken("robot@example.com", false, client);
    List<String> secrets = new ArrayList<>(emulator.issuedSecrets());
    secrets.add(CLIENT_SECRET);
    secrets.add(privateKeyBody(sa.pkcs8Pem()));
    String rawBytes = rawFiles(store);

    assertThat(emulator.issuedSecrets()).hasSizeGreaterThan(8);
    assertThat(rawBytes).contains("alice@example.com");   // the file is readable as text: a real check
    for (String secret : secrets) {
      assertThat(rawBytes).as("database file contains a secret in clear").doesNotContain(secret);
    }
  }

  @Test
  void givenNewDatabase_whenCreated_thenOnlyTheOwnerCanReadIt() throws Exception {
    open();

    Path file = Path.of(url().substring("jdbc:sqlite:".length()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  private String rawFiles(CredentialStore store) throws Exception {
    Path file = Path.of(url().substring("jdbc:sqlite:".length()));
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(file.getParent())) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith(StoreHome.DATABASE_FILE)).toList()) {
        all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  /** A long run of base64 from inside the PEM: enough to tell whether the key is in the file. */
  private static String privateKeyBody(String pem) {
    String[] lines = pem.split("\n");
    return lines[2].trim();
  }
}
