package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/mailtoken} run through a link named {@code sendmail}, fed by a shell pipeline
 * as cron or a script would ({@code printf … | sendmail -t}), in a JVM of its own against the SMTP
 * emulator. The launcher runs {@link Main} from a jar whose manifest class path is this test's class
 * path (the shaded jar exists only after {@code package}); the JVM trusts the emulator's certificate
 * through {@code JAVA_OPTS}, as a user would trust a corporate CA.
 */
class SendmailLauncherTest {
  @TempDir
  Path home;

  @TempDir
  Path dir;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;
  Path sendmail;
  Path jar;
  Path trustStore;

  @BeforeEach
  void start() throws Exception {
    assumeThat(Files.isExecutable(Paths.get("/bin/sh"))).as("/bin/sh").isTrue();
    cli = CliFixture.google(home);
    cli.withDesktopApp(cli.smtpArgs());
    cli.authorize();
    logs.forbidAll(cli.provider::issuedSecrets);
    jar = classPathJar(dir.resolve("mailtoken-test.jar"));
    trustStore = trustStore(dir.resolve("trust.p12"));
    sendmail = Files.createDirectories(dir.resolve("bin")).resolve("sendmail");
    Files.createSymbolicLink(sendmail, launcher());
  }

  @AfterEach
  void stop() throws IOException {
    Files.deleteIfExists(sendmail);   // a link out of the temp dir: ours to remove, not JUnit's
    cli.close();
  }

  @Test
  void givenSendmailLink_whenAMessageIsPipedWithDashT_thenItIsSentAsTheFromAccountAndNothingIsPrinted()
      throws Exception {
    Result r = pipe("printf 'From: %s\\nTo: Bob <%s>\\nBcc: %s\\nSubject: nightly\\n\\nall good\\n'"
        + " \"$FROM\" bob@example.net carol@example.net | \"$SENDMAIL\" -t");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out() + r.err()).as(r.toString()).isEmpty();
    assertThat(cli.smtp().messages()).hasSize(1);
    ReceivedMessage m = cli.smtp().messages().get(0);
    assertThat(m.authenticatedUser()).isEqualTo(CliFixture.USER);
    assertThat(m.recipients()).containsExactly("bob@example.net", "carol@example.net");
    assertThat(m.text()).contains("Subject: nightly", "all good").doesNotContain("Bcc");
  }

  @Test
  void givenSendmailLink_whenTheMessageNamesNoRecipient_thenExitUsage64() throws Exception {
    Result r = pipe("printf 'From: %s\\nSubject: x\\n\\nbody\\n' \"$FROM\" | \"$SENDMAIL\" -t -i");

    assertThat(r.exit()).as(r.toString()).isEqualTo(64);
    assertThat(r.err()).contains("mailtoken: the message names no recipient");
    assertThat(cli.smtp().messages()).isEmpty();
  }

  private Result pipe(String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MAILTOKEN_JAR", jar.toString());
    env.put("MAILTOKEN_CDS", "off");
    env.put("MAILTOKEN_HOME", home.toString());
    env.put("JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=changeit"
        + " -Djavax.net.ssl.trustStoreType=PKCS12");
    env.put("SENDMAIL", sendmail.toString());
    env.put("FROM", CliFixture.USER);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the sendmail pipeline did not finish within 90 s: " + script);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path launcher() {
    Path here = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bin/mailtoken"))) {
        return p.resolve("bin/mailtoken");
      }
    }
    throw new AssertionError("no bin/mailtoken above " + here);
  }

  /**
   * A jar with no classes: its manifest runs {@link Main} on this test's class path, logging as the
   * shaded jar does (slf4j-simple, which the build keeps off the test class path, instead of the
   * tests' logback, which writes debug lines to stdout).
   */
  private static Path classPathJar(Path file) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Paths.get(entry).toAbsolutePath();
      if (entry.isBlank() || path.toString().contains(File.separator + "logback")) {
        continue;
      }
      entries.add(path.toUri().toString());
      String name = path.getFileName().toString();
      if (name.startsWith("slf4j-api-")) {
        Path simple = path.getParent().getParent().getParent().resolve("slf4j-simple")
            .resolve(path.getParent().getFileName()).resolve(name.replace("slf4j-api-", "slf4j-simple-"));
        assertThat(simple).as("slf4j-simple next to slf4j-api in the local repository").exists();
        entries.add(simple.toUri().toString());
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.flush();
    }
    return file;
  }

  private Path trustStore(Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("smtp-emulator", cli.smtp().certificate());
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }

  private record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
  }
}
