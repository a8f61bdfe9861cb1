package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link OpenExistingBehaviour} on SQLite, and a file in a directory that does not exist. */
class SqliteOpenExistingTest extends OpenExistingBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }

  @Test
  void givenDirectoryThatDoesNotExist_whenOpenedAsExisting_thenNeitherDirectoryNorFileIsCreated() throws Exception {
    Path dir = Files.createTempDirectory("mailtoken-store-test").resolve("missing");

    assertThatThrownBy(() -> CredentialStore.openExisting("jdbc:sqlite:" + dir.resolve("x.db"), keys, clock))
        .isInstanceOfSatisfying(NoSuchStoreException.class,
            e -> assertThat(e.location()).isEqualTo(dir.resolve("x.db").toString()));
    assertThat(dir).doesNotExist();
  }
}
