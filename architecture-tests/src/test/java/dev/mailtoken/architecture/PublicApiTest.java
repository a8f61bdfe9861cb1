package dev.mailtoken.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each published module's public API, compared with its checked-in signature file
 * ({@code MODULE/api/MODULE.api}), as OkHttp checks {@code okhttp.api}: an unintended change of
 * the public surface fails the build. After an intended change, rewrite the files with
 * {@code ./mvnw -B test -pl architecture-tests -am -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dmailtoken.api.write=true}
 * and commit them with the change, so the review shows the API diff.
 */
class PublicApiTest {
  private static final boolean WRITE = Boolean.getBoolean("mailtoken.api.write");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mailtoken-testkit", "mailtoken-core", "mailtoken-mail", "mailtoken-store", "mailtoken-micrometer",
      "mailtoken-spring-boot-starter", "mailtoken-server", "mailtoken-cli"})
  void givenAPublishedModule_whenItsPublicApiIsListed_thenItMatchesTheCheckedInSignatureFile(String module)
      throws IOException {
    Path root = SourceTree.ofRepository().root();
    Path signatureFile = root.resolve(module).resolve("api").resolve(module + ".api");
    String actual = withClasses(module, ApiSignatures::of);

    if (WRITE) {
      Files.createDirectories(signatureFile.getParent());
      Files.writeString(signatureFile, actual);
    }

    assertThat(signatureFile).as("signature file of " + module + " (write it with -Dmailtoken.api.write=true)").exists();
    assertThat(actual)
        .as("the public API of " + module + " changed; if intended, rewrite " + root.relativize(signatureFile)
            + " with -Dmailtoken.api.write=true (see PublicApiTest) and commit it")
        .isEqualTo(Files.readString(signatureFile));
    assertThat(actual).as("the listing found public types").contains("class ", "{\n");
  }

  /** The module's classes: its {@code target/classes} in a reactor build, else its jar on the class path. */
  static String withClasses(String module, java.util.function.Function<Path, String> action) throws IOException {
    Optional<Path> entry = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(p -> p.toString().contains(File.separator + module + File.separator)
            || p.getFileName().toString().startsWith(module + "-"))
        .findFirst();
    Path path = entry.orElseThrow(() -> new IllegalStateException(module + " is not on the test class path"));
    if (Files.isDirectory(path)) {
      return action.apply(path);
    }
    try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + path.toUri()), Map.of())) {
      return action.apply(jar.getPath("/"));
    }
  }
}
