package dev.mailtoken.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.architecture.SourceTree.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module layering of DESIGN.md, read from the imports of every main source file: a module
 * imports only from the modules below it (cli → server → store, mail → core; testkit beside,
 * used only by the commands that start the emulators in-process), and no two packages import
 * each other, directly or round a longer loop.
 */
class LayeringTest {
  /** Each module and the modules it may import from. A new module must be added here. */
  private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
      Map.entry("mailtoken-testkit", Set.of()),
      Map.entry("mailtoken-core", Set.of()),
      Map.entry("mailtoken-mail", Set.of("mailtoken-core")),
      Map.entry("mailtoken-store", Set.of("mailtoken-core")),
      Map.entry("mailtoken-micrometer", Set.of("mailtoken-mail", "mailtoken-core")),
      // The server's --demo starts the emulators in-process, as the CLI's demo does.
      Map.entry("mailtoken-server", Set.of("mailtoken-store", "mailtoken-mail", "mailtoken-core",
          "mailtoken-micrometer", "mailtoken-testkit")),
      Map.entry("mailtoken-spring-boot-starter", Set.of("mailtoken-store", "mailtoken-mail", "mailtoken-core",
          "mailtoken-micrometer")),
      Map.entry("mailtoken-cli", Set.of("mailtoken-server", "mailtoken-store", "mailtoken-mail", "mailtoken-core",
          "mailtoken-testkit")),
      // Example programs use the library as an application would; never published.
      Map.entry("examples", Set.of("mailtoken-store", "mailtoken-mail", "mailtoken-core", "mailtoken-testkit")),
      // The Spring Boot example application: only Spring's API and the starter's configuration; never published.
      Map.entry("examples-spring", Set.of("mailtoken-spring-boot-starter", "mailtoken-mail", "mailtoken-core")),
      // Benchmarks measure everything and are never published.
      Map.entry("bench", Set.of("mailtoken-cli", "mailtoken-server", "mailtoken-store", "mailtoken-mail",
          "mailtoken-core", "mailtoken-micrometer", "mailtoken-testkit")));

  private final SourceTree tree = SourceTree.ofRepository();

  @Test
  void givenTheRepository_whenItsModulesAreListed_thenEachHasARowInTheLayeringTable() {
    List<String> unknown = tree.modules().stream().filter(m -> !MAY_IMPORT.containsKey(m)).toList();

    assertThat(unknown)
        .as("modules missing from LayeringTest.MAY_IMPORT: add each with the modules it may import from")
        .isEmpty();
    assertThat(tree.modules()).contains("mailtoken-core", "mailtoken-mail", "mailtoken-store", "mailtoken-cli");
  }

  @Test
  void givenEveryMainSourceFile_whenItsImportsAreRead_thenNoneReachesAModuleAboveOrBesideIt() {
    Map<String, String> owners = tree.packageOwners();
    List<String> violations = new ArrayList<>();
    for (SourceFile f : tree.files()) {
      Set<String> allowed = MAY_IMPORT.getOrDefault(f.module(), Set.of());
      for (String pkg : f.importedPackages()) {
        String target = owners.get(pkg);
        if (target != null && !target.equals(f.module()) && !allowed.contains(target)) {
          violations.add(f.path() + " (" + f.module() + ") imports " + pkg + " from " + target);
        }
      }
    }

    assertThat(violations).as("imports against the layering (cli → server → store, mail → core)").isEmpty();
  }

  @Test
  void givenEveryMainSourceFile_whenPackagesAreLinkedByImports_thenNoPackageCycleExists() {
    Map<String, Set<String>> graph = new TreeMap<>();
    Set<String> known = tree.packageOwners().keySet();
    for (SourceFile f : tree.files()) {
      Set<String> out = graph.computeIfAbsent(f.pkg(), k -> new TreeSet<>());
      f.importedPackages().stream().filter(p -> !p.equals(f.pkg()) && known.contains(p)).forEach(out::add);
    }

    assertThat(PackageCycles.find(graph)).as("package cycles (each line is one loop)").isEmpty();
    assertThat(graph).as("the graph was read").containsKey("dev.mailtoken.token");
  }
}
