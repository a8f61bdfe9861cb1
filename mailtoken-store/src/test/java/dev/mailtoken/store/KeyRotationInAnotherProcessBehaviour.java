package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real second JVM holds the store open with the keys it read at start; this one rotates the key
 * (and retires the old one); the other process then writes. Run on SQLite and PostgreSQL.
 */
abstract class KeyRotationInAnotherProcessBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @TempDir
  Path dir;
  Path keyFile;
  private Process child;
  private Writer childIn;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  @BeforeEach
  void writeKeyFile() throws Exception {
    keyFile = dir.resolve(KeyRing.KEY_FILE);
    keys.writeTo(keyFile);
  }

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void givenProcessStartedBeforeARotation_whenItRefreshesAfterTheOldKeyWasRetired_thenTheRotatedTokenStaysReadable()
      throws Exception {
    storeWithAccount(ALICE);
    startChild();
    CredentialStore admin = open(KeyRing.readFile(keyFile));
    KeyRotation rotation = admin.rotateKeyFile(keyFile);
    logs.forbid(KeyRing.readFile(keyFile).currentKeyBase64().reveal());
    admin.retireKey(keys.currentKeyId(), keyFile);

    String fingerprint = ask("renew " + ALICE);

    assertThat(fingerprint).startsWith("TOKEN ");
    CredentialStore later = open(KeyRing.readFile(keyFile));
    assertThat(later.keyUsage()).containsExactly(new KeyUsage(rotation.currentKeyId(), true, true, 4, 2));
    assertThat("TOKEN " + later.cachedAccessToken(ALICE, Duration.ZERO).orElseThrow().value().fingerprint())
        .isEqualTo(fingerprint);
    clock.advance(Duration.ofHours(2));
    assertThat(emulator.introspect(later.freshToken(ALICE, false, client).value().reveal())).isPresent();
  }

  /** Starts {@link StoreInAnotherProcess} on this test's database and key file and waits for it to be ready. */
  void startChild() throws Exception {
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", ChildProcess.classPath(), StoreInAnotherProcess.class.getName(),
        url(), keyFile.toString(), clock.instant().toString())
        .redirectErrorStream(true).start();
    childIn = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.equals("READY") || line.matches("(TOKEN|ROTATED|ERROR) .*")) {
            answers.add(line);
          }
        }
      } catch (java.io.IOException e) {
        answers.add("ERROR " + e);
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
    assertThat(answers.poll(60, TimeUnit.SECONDS)).as("second process started").isEqualTo("READY");
  }

  /** Sends one command to the other process; its answer. */
  String ask(String command) throws Exception {
    tell(command);
    String answer = answers.poll(60, TimeUnit.SECONDS);
    assertThat(answer).as("answer to " + command).isNotNull();
    return answer;
  }

  void tell(String command) throws Exception {
    childIn.write(command + "\n");
    childIn.flush();
  }

  Process child() {
    return child;
  }
}
