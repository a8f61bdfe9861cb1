package dev.mailtoken.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A program sending mail imports {@code jakarta.mail.*} and {@code jakarta.mail.internet.*} beside
 * the library's packages, often with wildcards: a public type of ours named like one of Jakarta
 * Mail's ({@code Provider}, {@code Session}, {@code Message}, …) would make such a program fail to
 * compile ("reference to Provider is ambiguous"). Hence {@code OAuthProvider}, not {@code Provider}.
 */
class JakartaNameClashTest {
  private static final Set<String> JAKARTA_PACKAGES = Set.of("jakarta/mail/", "jakarta/mail/internet/");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mailtoken-core, OAuthProvider", "mailtoken-mail, Mailer"})
  void givenALibraryModule_whenItsPublicTypesAreListed_thenNoneIsNamedLikeAJakartaMailType(String module, String known)
      throws Exception {
    Set<String> jakarta = jakartaMailNames();
    Set<String> ours = new TreeSet<>(
        Set.of(PublicApiTest.withClasses(module, JakartaNameClashTest::publicTopLevelNames).split("\n")));

    assertThat(jakarta).as("Jakarta Mail's public types were found").contains("Provider", "Session", "Message");
    assertThat(ours).as("public types of " + module + " named like a jakarta.mail(.internet) type: rename them")
        .doesNotContainAnyElementsOf(jakarta);
    assertThat(ours).as("the listing found " + module + "'s public types").contains(known);
  }

  private static Set<String> jakartaMailNames() throws IOException, URISyntaxException {
    Path jarPath = Path.of(jakarta.mail.Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + jarPath.toUri()), Map.of())) {
      Set<String> names = new TreeSet<>();
      for (String pkg : JAKARTA_PACKAGES) {
        try (Stream<Path> files = Files.list(jar.getPath("/" + pkg))) {
          files.map(p -> pkg.replace('/', '.') + p.getFileName().toString())
              .filter(n -> n.endsWith(".class") && !n.contains("$"))
              .map(n -> n.substring(0, n.length() - ".class".length()))
              .filter(JakartaNameClashTest::isPublic)
              .map(n -> n.substring(n.lastIndexOf('.') + 1))
              .forEach(names::add);
        }
      }
      return names;
    }
  }

  private static String publicTopLevelNames(Path classesDir) {
    try (Stream<Path> walk = Files.walk(classesDir)) {
      return walk.map(p -> classesDir.relativize(p).toString().replace('/', '.'))
          .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("module-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(JakartaNameClashTest::isPublic)
          .map(n -> n.substring(n.lastIndexOf('.') + 1))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isPublic(String className) {
    try {
      return Modifier.isPublic(Class.forName(className, false, JakartaNameClashTest.class.getClassLoader())
          .getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
