package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "The server's layout": {@code webhook} and {@code metrics} only listen. No feature
 * imports them (the root package wires them to the others); {@code metrics} may listen to
 * {@code webhook}, never the other way round.
 */
class ListeningFeaturesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/mailtoken/server");

  private static List<Path> importing(String feature) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getParent().equals(SOURCES))
          .filter(p -> !p.getParent().getFileName().toString().equals(feature))
          .filter(p -> read(p).contains("import dev.mailtoken.server." + feature + "."))
          .toList();
    }
  }

  @Test
  void givenTheFeaturePackages_whenTheirImportsAreRead_thenNoneButTheRootImportsMetrics() throws IOException {
    assertThat(importing("metrics")).isEmpty();
  }

  @Test
  void givenTheFeaturePackages_whenTheirImportsAreRead_thenOnlyMetricsImportsWebhook() throws IOException {
    assertThat(importing("webhook")).allSatisfy(p -> assertThat(p.getParent().getFileName()).hasToString("metrics"));
    assertThat(read(SOURCES.resolve("MailtokenServer.java"))).contains("import dev.mailtoken.server.webhook.Webhooks;");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
