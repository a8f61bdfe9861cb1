package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the imports of the server's sources and holds the layout of STYLE.md "The server's
 * layout": feature packages form no cycle, {@code web} and {@code internal} know no feature, no
 * feature imports the root package, and no public facade imports Javalin.
 */
class PackageLayoutTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/mailtoken/server");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.mailtoken\\.server\\.(\\w+)\\.",
      Pattern.MULTILINE);
  private static final Set<String> INFRASTRUCTURE = Set.of("web", "internal");

  private static final Map<String, Set<String>> uses = new HashMap<>();

  @BeforeAll
  static void readImports() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String pkg = SOURCES.relativize(f.getParent()).toString();
        Matcher m = IMPORT.matcher(Files.readString(f));
        Set<String> used = uses.computeIfAbsent(pkg.isEmpty() ? "(root)" : pkg, k -> new HashSet<>());
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
  }

  @Test
  void givenTheFeaturePackages_whenTheirImportsAreRead_thenThereIsNoCycle() {
    for (String start : uses.keySet()) {
      List<String> cycle = cycleFrom(start, start, new ArrayList<>(List.of(start)), new HashSet<>());
      assertThat(cycle).as("import cycle through " + start).isEmpty();
    }
  }

  private static List<String> cycleFrom(String start, String at, List<String> path, Set<String> seen) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(at) || next.equals("(root)")) {
        continue;
      }
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(next);
        return cycle;
      }
      if (seen.add(next)) {
        path.add(next);
        List<String> found = cycleFrom(start, next, path, seen);
        if (!found.isEmpty()) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return List.of();
  }

  @Test
  void givenTheInfrastructurePackages_whenTheirImportsAreRead_thenTheyUseNoFeature() {
    for (String infra : INFRASTRUCTURE) {
      Set<String> used = new HashSet<>(uses.getOrDefault(infra, Set.of()));
      used.removeAll(INFRASTRUCTURE);
      assertThat(used).as(infra + " imports feature packages").isEmpty();
    }
  }

  @Test
  void givenAFeaturePackage_whenItsImportsAreRead_thenItNeverImportsTheRootPackage() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getParent().equals(SOURCES))
          .filter(p -> read(p).matches("(?sm).*^import dev\\.mailtoken\\.server\\.[A-Z]\\w*;.*"))
          .toList();
      assertThat(offenders).isEmpty();
    }
  }

  @Test
  void givenEveryPublicFacadeOfAFeature_whenRead_thenItDoesNotImportJavalin() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> facades = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getParent().equals(SOURCES))
          .filter(p -> !INFRASTRUCTURE.contains(p.getParent().getFileName().toString()))
          .filter(p -> read(p).contains("public final class " + p.getFileName().toString().replace(".java", "")))
          .toList();
      assertThat(facades).isNotEmpty();
      for (Path f : facades) {
        assertThat(read(f)).as(f + " is a public facade").doesNotContain("import io.javalin");
      }
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
