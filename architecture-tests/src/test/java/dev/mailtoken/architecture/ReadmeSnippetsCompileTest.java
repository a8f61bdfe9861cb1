package dev.mailtoken.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code java} snippet of the library READMEs compiles as written, against the modules'
 * classes, with wildcard imports of Jakarta Mail and every mailtoken package at once (as a new
 * user pastes them). Each snippet becomes the body of a method of one class; the names a snippet
 * uses without declaring (the reader's own: {@code tokens}, {@code message}, {@code refreshToken}…)
 * are {@link #GIVEN} fields. Compiling is the check: nothing runs (the emulator-backed
 * {@code ReadmeExampleTest}s run the examples).
 */
class ReadmeSnippetsCompileTest {
  private static final Pattern SNIPPET = Pattern.compile("(?ms)^```java\\n(.*?)^```");
  private static final String IMPORTS = """
      import dev.mailtoken.*;
      import dev.mailtoken.mail.*;
      import dev.mailtoken.oauth.*;
      import dev.mailtoken.store.*;
      import dev.mailtoken.token.*;
      import jakarta.mail.*;
      import jakarta.mail.internet.*;
      import java.io.PrintStream;
      import java.net.URI;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.time.*;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import javax.net.ssl.SSLContext;
      """;
  /** What the reader has at hand before a snippet, named as the snippets name it. */
  private static final String GIVEN = """
      TokenManager tokens; Mailer mailer; MimeMessage message; MimeMessage other;
      App app; App gmail; App gmailApp; OAuthProvider provider; OAuthClient oauthClient; SSLContext corporateTrust;
      OAuthClient client; URI callbackUri; org.slf4j.Logger log; PrintStream err;
      Secret refreshToken; String refreshTokenFromDb; String bobsRefreshToken; String bobsAccessToken;
      Instant bobsExpiry; List<String> grantedScopes; AccessToken firstAccessToken;
      void saveSomewhere(String account, Secret rotated) { }
      """;

  @TempDir
  Path out;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"README.md", "mailtoken-mail/README.md", "mailtoken-store/README.md"})
  void givenAReadme_whenEverySnippetIsCompiled_thenItCompilesAsWritten(String readme) throws IOException {
    List<String> snippets = snippets(SourceTree.ofRepository().root().resolve(readme));
    StringBuilder source = new StringBuilder(IMPORTS).append("class Snippets {\n").append(GIVEN);
    for (int i = 0; i < snippets.size(); i++) {
      source.append("void snippet").append(i + 1).append("() throws Exception {\n").append(snippets.get(i))
          .append("\n}\n");
    }
    source.append("}\n");

    StringWriter errors = new StringWriter();
    boolean compiled = compile(source.toString(), errors);

    assertThat(snippets).as(readme + " has java snippets").isNotEmpty();
    assertThat(compiled).as(readme + "'s java snippets (method snippetN is the Nth) do not compile:\n" + errors)
        .isTrue();
  }

  private static List<String> snippets(Path readme) throws IOException {
    Matcher m = SNIPPET.matcher(Files.readString(readme));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private boolean compile(String source, StringWriter errors) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippets.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    List<String> options = List.of("-proc:none", "-classpath", System.getProperty("java.class.path"), "-d",
        out.toString());
    return javac.getTask(errors, null, null, options, null, List.of(file)).call();
  }
}
