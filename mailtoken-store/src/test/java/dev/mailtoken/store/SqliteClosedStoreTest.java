package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link ClosedStoreBehaviour} on SQLite, and a closed store leaves its directory alone. */
class SqliteClosedStoreTest extends ClosedStoreBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }

  @Test
  void givenAClosedStoreWhoseFilesWereRemoved_whenUsed_thenNoFileReappears() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    store.close();
    Path dir = Path.of(url().substring("jdbc:sqlite:".length())).getParent();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }

    assertThatThrownBy(() -> store.account("alice@example.com")).isInstanceOf(StoreException.class);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).as("files in the closed store's directory").isEmpty();
    }
  }
}
