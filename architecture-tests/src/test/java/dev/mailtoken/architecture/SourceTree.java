package dev.mailtoken.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's main Java sources, read as text: which module each file is in, its package
 * and the {@code dev.mailtoken} packages it imports. Reading source (not bytecode) also sees
 * imports used only in Javadoc or by constants the compiler inlined, which is what a reader of
 * the code sees too.
 */
final class SourceTree {
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile(
      "^import\\s+(?:static\\s+)?(dev\\.mailtoken(?:\\.[a-z][\\w]*)*)\\.[A-Z][\\w.]*(?:\\.\\*)?\\s*;", Pattern.MULTILINE);

  /** One main source file. */
  record SourceFile(String module, Path path, String pkg, List<String> importedPackages) {
  }

  private final Path root;

  private SourceTree(Path root) {
    this.root = root;
  }

  /** The repository root: the nearest parent of the working directory holding the parent POM and .git or mvnw. */
  static SourceTree ofRepository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("mailtoken-core"))) {
        return new SourceTree(dir);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no mailtoken repository above " + Path.of("").toAbsolutePath());
  }

  Path root() {
    return root;
  }

  /** Directories at the top of the repository that hold a {@code src/main/java}. */
  List<String> modules() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java")))
          .map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<SourceFile> files() {
    List<SourceFile> out = new ArrayList<>();
    for (String module : modules()) {
      try (Stream<Path> walk = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        walk.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("module-info.java"))
            .sorted().forEach(p -> out.add(read(module, p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Package → module, for every package some main source file declares. */
  Map<String, String> packageOwners() {
    Map<String, String> owners = new TreeMap<>();
    for (SourceFile f : files()) {
      String before = owners.putIfAbsent(f.pkg(), f.module());
      if (before != null && !before.equals(f.module())) {
        throw new AssertionError("package " + f.pkg() + " is split between " + before + " and " + f.module());
      }
    }
    return owners;
  }

  private SourceFile read(String module, Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String pkg = Optional.of(PACKAGE.matcher(text)).filter(Matcher::find).map(m -> m.group(1)).orElse("");
    List<String> imports = new ArrayList<>();
    Matcher m = IMPORT.matcher(text);
    while (m.find()) {
      imports.add(m.group(1));
    }
    return new SourceFile(module, root.relativize(path), pkg, List.copyOf(imports));
  }
}
