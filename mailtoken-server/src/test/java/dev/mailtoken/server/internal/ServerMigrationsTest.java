package dev.mailtoken.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's Flyway migrations ({@code db/server}) are numbered 1, 2, 3, … without gaps or
 * repeats, so branches that each add one notice the clash when they meet.
 */
class ServerMigrationsTest {
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/server");
  private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  @Test
  void givenTheServerMigrations_whenTheirVersionsAreRead_thenTheyCountFromOneWithoutGaps() throws IOException {
    List<Integer> versions;
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      versions = files.map(p -> p.getFileName().toString()).map(name -> {
        Matcher m = NAME.matcher(name);
        assertThat(m.matches()).as("migration file name %s", name).isTrue();
        return Integer.parseInt(m.group(1));
      }).sorted().toList();
    }

    assertThat(versions).containsExactlyElementsOf(IntStream.rangeClosed(1, versions.size()).boxed().toList());
  }
}
