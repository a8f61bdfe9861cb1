package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fast-open check ({@link StoreSchema#LATEST_VERSION}) must name the newest migration, or new migrations would be skipped. */
class MigrationFilesTest {

  @Test
  void givenMigrationFiles_whenNewestFound_thenLatestVersionNamesIt() throws Exception {
    URL dir = getClass().getClassLoader().getResource("db/mailtoken");
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      int newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Comparator.naturalOrder()).orElseThrow();

      assertThat(StoreSchema.LATEST_VERSION).isEqualTo(String.valueOf(newest));
    }
  }
}
