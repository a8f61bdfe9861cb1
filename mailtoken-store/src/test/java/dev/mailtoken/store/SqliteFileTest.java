package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
    List<String> secrets = fillWithRotatedSecrets();

    String rawBytes = rawFiles();

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

  private String rawFiles() throws Exception {
    Path file = Path.of(url().substring("jdbc:sqlite:".length()));
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(file.getParent())) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith(StoreHome.DATABASE_FILE)).toList()) {
        all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
