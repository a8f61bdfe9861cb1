package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken keys rotate}: everything re-encrypted, the key file replaced, the old key retired. */
class KeysRotateCommandTest {
  @TempDir
  Path home;

  @TempDir
  Path elsewhere;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  @Test
  void givenStoredSecrets_whenKeysRotated_thenCountsPrintedAndStoreReadableWithNewKeyOnly() throws Exception {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.authorize();
      Path keyFile = home.resolve("secret.key");
      Path oldKey = Files.copy(keyFile, elsewhere.resolve("old.key"));

      CliRun r = cli.run("keys", "rotate");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("re-encrypted", "1 app(s)", "1 account(s)", "now holds the new key");
      assertThat(Files.readString(keyFile)).isNotEqualTo(Files.readString(oldKey));
      assertThat(home.resolve("secret.key.new")).doesNotExist();
      assertThat(cli.run("token", CliFixture.USER).exitCode()).isZero();
      cli.env.put("MAILTOKEN_SECRET_FILE", oldKey.toString());
      CliRun withOld = cli.run("token", CliFixture.USER);
      assertThat(withOld.exitCode()).as(withOld.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(withOld.err()).containsIgnoringCase("key");
    }
  }

  @Test
  void givenFirstRun_whenStoreCreated_thenSaysWhereTheNewKeyFileIs() {
    try (CliFixture cli = CliFixture.google(home)) {
      CliRun r = cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x", "--public");

      assertThat(r.err()).contains("created a new secret key at " + home.resolve("secret.key"), "back it up");
      assertThat(cli.run("apps", "list").err()).doesNotContain("created a new secret key");
    }
  }

  @Test
  void givenKeyFromEnvironment_whenKeysRotated_thenNewKeyLeftInFileForTheVariable() throws Exception {
    Path fresh = elsewhere.resolve("env-home");
    try (CliFixture cli = CliFixture.google(fresh)) {
      cli.env.put("MAILTOKEN_SECRET", java.util.Base64.getEncoder().encodeToString(new byte[32]));
      cli.run("apps", "add", "g", "--provider", "google", "--client-id", "x", "--client-secret-env", "CLIENT_SECRET");

      CliRun r = cli.run("keys", "rotate");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("set MAILTOKEN_SECRET to the key in " + fresh.resolve("secret.key.new"));
      String newKey = Files.readAllLines(fresh.resolve("secret.key.new")).stream()
          .filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
      cli.env.put("MAILTOKEN_SECRET", newKey);
      assertThat(cli.run("apps", "list").out()).contains("g ");
    }
  }
}
