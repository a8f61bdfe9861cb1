package dev.mailtoken.examples.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java snippets of the repository's Markdown files and their copies in test sources, read as
 * text. A copy is a region of a {@code src/test/java} file between a line
 * {@code // snippet: PATH.md} and a line {@code // end snippet}; {@link #normalize} makes
 * indentation and trailing blanks irrelevant, nothing else. A block that starts with
 * {@code import} lines (a method shown with what it needs) also matches a copy of the rest whose
 * file has those imports, since imports cannot stand inside a class ({@link #same}). Stateless.
 */
final class Snippets {
  /** A fenced {@code java} block of a Markdown file, or a marked copy in a Java file. */
  record Snippet(Path file, int line, String markdown, List<String> lines, Set<String> fileImports) {
    Snippet {
      lines = List.copyOf(lines);
      fileImports = Set.copyOf(fileImports);
    }

    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_+-]*).*$");
  private static final Pattern START = Pattern.compile("^\\s*// snippet: (\\S+\\.md)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end snippet\\s*$");

  private Snippets() {
  }

  /**
   * The Markdown files whose snippets must compile: the top README, every module's README and the
   * guides in {@code docs/}, relative to {@code root}.
   */
  static List<Path> documents(Path root) {
    List<Path> docs = new ArrayList<>();
    docs.add(Path.of("README.md"));
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(d -> Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("pom.xml")))
          .map(d -> root.relativize(d.resolve("README.md"))).sorted().forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).map(root::relativize).sorted().forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /** The {@code java} blocks of {@code root.resolve(markdown)}. */
  static List<Snippet> inMarkdown(Path root, Path markdown) {
    List<String> lines = read(root.resolve(markdown));
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        continue;
      }
      int start = i + 1;
      for (i = start; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
        // the block's body
      }
      if (fence.group(1).equalsIgnoreCase("java")) {
        found.add(new Snippet(markdown, start, markdown.toString(), normalize(lines.subList(start, i)), Set.of()));
      }
    }
    return found;
  }

  /** Every marked copy in the {@code src/test/java} trees of {@code root}'s modules. */
  static List<Snippet> copies(Path root) {
    List<Snippet> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path module : dirs.filter(d -> Files.isDirectory(d.resolve("src/test/java"))).sorted().toList()) {
        try (Stream<Path> walk = Files.walk(module.resolve("src/test/java"))) {
          walk.filter(p -> p.toString().endsWith(".java")).sorted()
              .forEach(p -> found.addAll(copiesIn(root.relativize(p), read(p))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * The marked copies in one Java file's lines.
   *
   * @throws IllegalStateException for a start marker without its end
   */
  static List<Snippet> copiesIn(Path file, List<String> lines) {
    List<Snippet> found = new ArrayList<>();
    Set<String> imports = lines.stream().map(String::strip).filter(l -> l.startsWith("import "))
        .collect(Collectors.toSet());
    for (int i = 0; i < lines.size(); i++) {
      Matcher start = START.matcher(lines.get(i));
      if (!start.matches()) {
        continue;
      }
      int first = i + 1;
      int end = first;
      while (end < lines.size() && !END.matcher(lines.get(end)).matches()) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException(file + ":" + first + ": \"// snippet: " + start.group(1)
            + "\" has no \"// end snippet\" line");
      }
      found.add(new Snippet(file, first, start.group(1), normalize(lines.subList(first, end)), imports));
      i = end;
    }
    return found;
  }

  /**
   * True when {@code copy} is a copy of {@code block}: the same lines, or the same lines once the
   * block's leading {@code import} lines (and the blank lines after them) are left out, every one of
   * which the copy's file imports.
   */
  static boolean same(Snippet block, Snippet copy) {
    if (block.lines().equals(copy.lines())) {
      return true;
    }
    int i = 0;
    while (i < block.lines().size() && block.lines().get(i).startsWith("import ")) {
      i++;
    }
    List<String> imports = block.lines().subList(0, i);
    while (i < block.lines().size() && block.lines().get(i).isEmpty()) {
      i++;
    }
    return !imports.isEmpty() && copy.fileImports().containsAll(imports)
        && block.lines().subList(i, block.lines().size()).equals(copy.lines());
  }

  /** Without trailing spaces, leading and trailing blank lines, and the indentation all lines share. */
  static List<String> normalize(List<String> lines) {
    List<String> stripped = lines.stream().map(String::stripTrailing).toList();
    int from = 0;
    int to = stripped.size();
    while (from < to && stripped.get(from).isEmpty()) {
      from++;
    }
    while (to > from && stripped.get(to - 1).isEmpty()) {
      to--;
    }
    List<String> body = stripped.subList(from, to);
    int indent = body.stream().filter(l -> !l.isEmpty()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    return body.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
