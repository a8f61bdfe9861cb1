package dev.mailtoken.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.examples.readme.Snippets.Snippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the top README, the modules' READMEs and the guides in
 * {@code docs/} compiles, because each has a copy in a test source file that the reactor compiles:
 *
 * <pre>
 * // snippet: mailtoken-mail/README.md
 * …the block, line for line (indentation aside)…
 * // end snippet
 * </pre>
 *
 * <p>This test ties the two together in both directions: a block without an identical copy fails
 * (so an edited or new snippet must be copied into a test, where javac checks it), and a copy
 * without an identical block fails (so a copy edited to make it compile must be carried back to the
 * document). A change of the API that breaks a snippet therefore breaks the test compilation of the
 * module holding its copy. Most copies are in {@code dev.mailtoken.examples.readme} (compiled, not
 * run: they name real providers); a copy inside a test that runs, such as the testkit's
 * {@code ReadmeExampleTest}, also runs. A block may start with the {@code import} lines its code
 * needs; its copy then leaves them out and its file has them. A block that is not meant to compile
 * is not fenced as {@code java}.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = root();

  @Test
  void givenEveryJavaBlockOfTheDocuments_whenLookedUp_thenATestSourceHoldsAnIdenticalCopy() {
    List<Snippet> copies = Snippets.copies(ROOT);
    List<String> missing = new ArrayList<>();
    int blocks = 0;
    for (Path doc : Snippets.documents(ROOT)) {
      for (Snippet block : Snippets.inMarkdown(ROOT, doc)) {
        blocks++;
        boolean copied = copies.stream().anyMatch(c -> c.markdown().equals(block.markdown())
            && Snippets.same(block, c));
        if (!copied) {
          missing.add(block + " (first line: " + block.lines().get(0) + ")");
        }
      }
    }

    assertThat(missing).as("java blocks without an identical copy between \"// snippet: FILE.md\" and"
        + " \"// end snippet\" in a test source (copy each, e.g. into examples/src/test/java/dev/mailtoken/"
        + "examples/readme/, and declare what it uses around it)").isEmpty();
    assertThat(blocks).as("java blocks found").isGreaterThanOrEqualTo(10);
  }

  @Test
  void givenEveryMarkedCopy_whenLookedUp_thenItsDocumentHoldsAnIdenticalBlock() {
    Map<String, List<Snippet>> blocksByDoc = Snippets.documents(ROOT).stream()
        .collect(Collectors.toMap(Path::toString, d -> Snippets.inMarkdown(ROOT, d)));
    List<String> stale = new ArrayList<>();
    for (Snippet copy : Snippets.copies(ROOT)) {
      List<Snippet> blocks = blocksByDoc.get(copy.markdown());
      if (blocks == null) {
        stale.add(copy + " names " + copy.markdown() + ", which is not a checked document");
      } else if (blocks.stream().noneMatch(b -> Snippets.same(b, copy))) {
        stale.add(copy + " matches no java block of " + copy.markdown() + " (first line: " + copy.lines().get(0) + ")");
      }
    }

    assertThat(stale).as("copies whose document block changed or went away: carry the change to both").isEmpty();
  }

  @Test
  void givenACopyIndentedInsideAMethod_whenNormalized_thenItEqualsTheBlockAsWritten() {
    List<Snippet> copies = Snippets.copiesIn(Path.of("X.java"), List.of(
        "  void example() {",
        "    // snippet: README.md",
        "    try (Mailer m = build()) {   ",
        "      m.send(message);",
        "    }",
        "",
        "    // end snippet",
        "  }"));

    assertThat(copies).singleElement().satisfies(c -> {
      assertThat(c.markdown()).isEqualTo("README.md");
      assertThat(c.lines()).containsExactly("try (Mailer m = build()) {", "  m.send(message);", "}");
    });
  }

  @Test
  void givenABlockStartingWithImports_whenItsCopyFileHasThem_thenTheCopyOfTheRestMatches() throws Exception {
    Path dir = Files.createTempDirectory("snippets");
    Files.writeString(dir.resolve("doc.md"), String.join("\n", "```java", "import java.time.Instant;", "",
        "static long now() {", "  return Instant.now().getEpochSecond();", "}", "```", ""));
    Snippet block = Snippets.inMarkdown(dir, Path.of("doc.md")).get(0);
    List<String> method = List.of("  // snippet: doc.md", "  static long now() {",
        "    return Instant.now().getEpochSecond();", "  }", "  // end snippet");
    List<String> withImport = new ArrayList<>(List.of("package x;", "import java.time.Instant;", "class X {"));
    withImport.addAll(method);
    List<String> withoutImport = new ArrayList<>(List.of("package x;", "class X {"));
    withoutImport.addAll(method);

    Snippet copy = Snippets.copiesIn(Path.of("X.java"), withImport).get(0);
    Snippet unimported = Snippets.copiesIn(Path.of("X.java"), withoutImport).get(0);

    assertThat(Snippets.same(block, copy)).isTrue();
    assertThat(Snippets.same(block, unimported)).as("the copy's file lacks the block's import").isFalse();
  }

  @Test
  void givenAStartMarkerWithoutEnd_whenRead_thenItFailsNamingTheLine() {
    assertThatThrownBy(() -> Snippets.copiesIn(Path.of("X.java"), List.of("// snippet: README.md", "int x;")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("X.java:1").hasMessageContaining("end snippet");
  }

  @Test
  void givenMarkdownWithJavaAndShellBlocks_whenRead_thenOnlyTheJavaBlocksAreSnippets() throws Exception {
    Path dir = Files.createTempDirectory("snippets");
    Files.writeString(dir.resolve("doc.md"), String.join("\n", "# t", "```sh", "mailtoken demo", "```", "",
        "```java", "  int a = 1;", "```", "```java", "int b = 2;", "```", ""));

    List<Snippet> blocks = Snippets.inMarkdown(dir, Path.of("doc.md"));

    assertThat(blocks).extracting(Snippet::lines).containsExactly(List.of("int a = 1;"), List.of("int b = 2;"));
    assertThat(blocks).extracting(Snippet::line).as("the lines of the opening fences").containsExactly(6, 9);
  }

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
