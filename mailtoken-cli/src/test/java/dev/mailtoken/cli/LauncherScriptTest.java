package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/mailtoken} POSIX launcher, run with {@code sh} against a tiny jar built here
 * (the shaded jar only exists after {@code package}, and CI runs {@code test}). The jar's main class
 * is {@link Echo}, which prints its arguments and one system property on stdout, so any JVM chatter
 * on stdout (where {@code mailtoken token} prints the token) shows up as a difference.
 */
class LauncherScriptTest {
  private static final String HINT = "./mvnw -q -B package -DskipTests -pl mailtoken-cli -am";

  private static Path root;
  private static Path script;

  @TempDir Path dir;
  private Path jar;

  /** The jar's main class: one line per argument, then the {@code mt.echo} property. */
  public static final class Echo {
    private Echo() {}

    public static void main(String[] args) {
      for (String arg : args) {
        System.out.println("arg:" + arg);
      }
      System.out.println("prop:" + System.getProperty("mt.echo"));
    }
  }

  @BeforeAll
  static void findScript() {
    assumeThat(onPath("sh")).as("sh on the PATH").isTrue();
    Path here = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bin/mailtoken"))) {
        root = p;
        script = p.resolve("bin/mailtoken");
        return;
      }
    }
    fail("no bin/mailtoken above " + here);
  }

  @BeforeEach
  void buildJar() throws IOException {
    jar = dir.resolve("echo.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Echo.class.getName());
    String entry = Echo.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream bytes = Echo.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
    // The script maps the archive only if it is newer than the jar; on file systems with one-second
    // timestamps a run right after this build could otherwise record an archive that looks stale.
    FileTime built = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(jar, FileTime.from(built.toInstant().minus(1, ChronoUnit.MINUTES)));
  }

  @Test
  void givenArgumentsWithSpaces_whenLaunched_thenTheyReachMainUnsplit() throws Exception {
    Result r = run(env(), "token", "alice@example.com", "two words", "");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(lines("arg:token", "arg:alice@example.com", "arg:two words", "arg:", "prop:null"));
  }

  @Test
  void givenJavaOpts_whenLaunched_thenTheJvmGetsThem() throws Exception {
    Map<String, String> env = env();
    env.put("JAVA_OPTS", "-Xss2m -Dmt.echo=from-java-opts");

    Result r = run(env, "x");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(lines("arg:x", "prop:from-java-opts"));
  }

  /**
   * A dynamic archive (-XX:ArchiveClassesAtExit) sits on top of the JDK's default CDS archive; a
   * JDK built without one cannot record it, and the launcher then just runs without (tested by
   * the other cases). Debian's and most vendors' JDK 17 builds ship it.
   */
  private static void assumeJdkShipsADefaultCdsArchive() {
    assumeThat(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa"))
        .as("the JDK's default CDS archive").exists();
  }

  @Test
  void givenFreshJar_whenFirstRun_thenTheArchiveIsRecordedNextToTheJarAndStdoutStaysClean() throws Exception {
    assumeJdkShipsADefaultCdsArchive();
    Result r = run(env(), "first");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(lines("arg:first", "prop:null"));
    assertThat(dir.resolve("echo.jsa")).isNotEmptyFile();
  }

  @Test
  void givenRecordedArchive_whenRunAgain_thenTheMainClassComesFromTheArchiveAndStdoutStaysClean() throws Exception {
    assumeJdkShipsADefaultCdsArchive();
    assertThat(run(env(), "record").exit()).isZero();
    Path loads = dir.resolve("class-load.log");
    Map<String, String> env = env();
    env.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + loads);

    Result r = run(env, "again");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(lines("arg:again", "prop:null"));
    assertThat(Files.readAllLines(loads)).anySatisfy(line -> assertThat(line)
        .contains(" " + Echo.class.getName() + " source: shared objects file"));
  }

  @Test
  void givenCdsOff_whenLaunched_thenNoArchiveIsCreated() throws Exception {
    Map<String, String> env = env();
    env.put("MAILTOKEN_CDS", "off");

    Result r = run(env, "plain");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(lines("arg:plain", "prop:null"));
    try (var files = Files.list(dir)) {
      assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".jsa"));
    }
  }

  @Test
  void givenMissingJar_whenLaunched_thenTheBuildHintGoesToStderrAndItFails() throws Exception {
    Path absent = dir.resolve("absent.jar");
    Map<String, String> env = env();
    env.put("MAILTOKEN_JAR", absent.toString());

    Result r = run(env, "token", "alice@example.com");

    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("mailtoken: " + absent + " not found.")
        .contains("(cd \"" + root + "\" && " + HINT + ")");
  }

  @Test
  void givenChainOfSymlinksToTheScript_whenJarMissing_thenTheHintNamesTheRealRepo() throws Exception {
    Map<String, String> env = env();
    env.put("MAILTOKEN_JAR", dir.resolve("absent.jar").toString());

    Result r = runVia(linkToScript(), env);

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("(cd \"" + root + "\" && " + HINT + ")");
  }

  @Test
  void givenSymlinkAndNoMailtokenJar_whenLaunched_thenTheDefaultJarInTheRepoIsUsed() throws Exception {
    // A stand-in java prints what it was asked to run, so this holds whether or not the shaded jar has
    // been built: the script either hands that path to java or names it in the "not found" message.
    Path fakeHome = dir.resolve("fake-jdk");
    Path fakeJava = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = env();
    env.remove("MAILTOKEN_JAR");
    env.put("JAVA_HOME", fakeHome.toString());
    env.put("MAILTOKEN_CDS", "off");

    Result r = runVia(linkToScript(), env);

    assertThat(r.out() + r.err()).contains(root.resolve("mailtoken-cli/target/mailtoken.jar").toString());
  }

  /** JUnit warns when it deletes a link pointing out of its temp dir; the link is ours to remove. */
  @AfterEach
  void removeLinkOutOfTempDir() throws IOException {
    Files.deleteIfExists(dir.resolve("links/mailtoken"));
  }

  /** dir/bin/mailtoken -> ../links/mailtoken (relative) -> the real script (absolute). */
  private Path linkToScript() throws IOException {
    Path second = Files.createDirectories(dir.resolve("links")).resolve("mailtoken");
    Files.createSymbolicLink(second, script);
    Path first = Files.createDirectories(dir.resolve("bin")).resolve("mailtoken");
    Files.createSymbolicLink(first, Paths.get("../links/mailtoken"));
    return first;
  }

  private Map<String, String> env() {
    Map<String, String> env = new ProcessBuilder().environment();
    for (String inherited : List.of("JAVA_OPTS", "MAILTOKEN_CDS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
        "_JAVA_OPTIONS")) {
      env.remove(inherited);
    }
    // The JDK running this test, so the script starts the same java whatever the PATH says.
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MAILTOKEN_JAR", jar.toString());
    return env;
  }

  private Result run(Map<String, String> env, String... args) throws Exception {
    return runVia(script, env, args);
  }

  private Result runVia(Path launcher, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    // Files, not pipes: nothing can block on a full pipe buffer while we wait.
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("bin/mailtoken did not finish within 60 s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Paths.get(entry, program))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exit, String out, String err) {}
}
