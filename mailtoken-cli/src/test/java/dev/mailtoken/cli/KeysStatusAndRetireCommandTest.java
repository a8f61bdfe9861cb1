package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.store.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken keys status} and {@code keys retire}, and writes that race a rotation from another terminal. */
class KeysStatusAndRetireCommandTest {
  @TempDir
  Path home;

  @Test
  void givenRotatedStore_whenStatusAsked_thenEachKeyWithItsUseAndTheCurrentOne() throws Exception {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.authorize();
      String old = KeyRing.readFile(home.resolve("secret.key")).currentKeyId();
      cli.run("keys", "rotate");
      String current = KeyRing.readFile(home.resolve("secret.key")).currentKeyId();

      CliRun r = cli.run("keys", "status");
      CliRun json = cli.run("keys", "status", "--json");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).containsPattern(current + " +current +yes +4 +2")
          .containsPattern(old + " +yes +0 +0");
      assertThat(r.err()).contains("mailtoken keys retire " + old);
      assertThat(json.out()).contains("\"key_id\" : \"" + current + "\"", "\"current\" : true",
          "\"encrypted_fields\" : 4", "\"row_macs\" : 2");
    }
  }

  @Test
  void givenOldKeyNoLongerUsed_whenRetired_thenRemovedFromTheKeyFileAndEverythingStillWorks() throws Exception {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.authorize();
      String old = KeyRing.readFile(home.resolve("secret.key")).currentKeyId();
      cli.run("keys", "rotate");

      CliRun r = cli.run("keys", "retire", old);

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("retired key " + old);
      assertThat(KeyRing.readFile(home.resolve("secret.key")).keyIds()).hasSize(1).doesNotContain(old);
      assertThat(cli.run("token", CliFixture.USER, "--renew").exitCode()).isZero();
    }
  }

  @Test
  void givenTheCurrentKey_whenRetired_thenRefusedWithExitFiveAndTheKeyFileUnchanged() throws Exception {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      cli.authorize();
      String current = KeyRing.readFile(home.resolve("secret.key")).currentKeyId();
      String before = Files.readString(home.resolve("secret.key"));

      CliRun r = cli.run("keys", "retire", current);

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(r.err()).contains("current key", "mailtoken keys rotate");
      assertThat(Files.readString(home.resolve("secret.key"))).isEqualTo(before);
    }
  }

  @Test
  void givenKeyFromTheEnvironment_whenRetireAsked_thenExitFiveSayingThereIsNoKeyFile() {
    try (CliFixture cli = CliFixture.google(home)) {
      cli.env.put("MAILTOKEN_SECRET", java.util.Base64.getEncoder().encodeToString(new byte[32]));

      CliRun r = cli.run("keys", "retire", "1a2b3c4d");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(r.err()).contains("MAILTOKEN_SECRET", "not from a key file");
    }
  }

  /** An import typing its refresh token while another terminal rotates and retires the old key. */
  @Test
  void givenImportWaitingForItsToken_whenKeysRotatedAndOldKeyRetiredMeanwhile_thenTheImportedAccountIsReadable()
      throws Exception {
    try (CliFixture cli = CliFixture.google(home).withDesktopApp()) {
      String old = KeyRing.readFile(home.resolve("secret.key")).currentKeyId();
      String refreshToken = cli.provider.issueRefreshToken(CliFixture.CLIENT_ID, CliFixture.USER,
          List.of("https://mail.google.com/"));
      CliRun[] elsewhere = new CliRun[2];
      cli.secretReader = prompt -> {
        elsewhere[0] = cli.run("keys", "rotate");
        elsewhere[1] = cli.run("keys", "retire", old);
        return Optional.of(refreshToken);
      };

      CliRun imported = cli.run("import", CliFixture.USER, "--app", "test");

      assertThat(elsewhere[1].exitCode()).as(elsewhere[1].toString()).isZero();
      assertThat(imported.exitCode()).as(imported.toString()).isZero();
      CliRun renewed = cli.run("token", CliFixture.USER, "--renew");
      assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
    }
  }
}
