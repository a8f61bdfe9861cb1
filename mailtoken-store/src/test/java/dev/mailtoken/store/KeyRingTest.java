package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where keys come from: environment, key files, the key file created on first use. */
class KeyRingTest {
  @TempDir
  Path temp;

  @Test
  void givenNoKeyConfigured_whenLoaded_thenOwnerOnlyKeyFileIsCreatedAndReported() throws Exception {
    Path home = temp.resolve("home");

    KeyRing ring = KeyRing.fromEnvironment(Map.of(), home);

    Path file = home.resolve("secret.key");
    assertThat(ring.createdKeyFile()).contains(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    KeyRing again = KeyRing.fromEnvironment(Map.of(), home);
    assertThat(again.currentKeyId()).isEqualTo(ring.currentKeyId());
    assertThat(again.createdKeyFile()).isEmpty();
  }

  @Test
  void givenNoKeyFile_whenLoadedForAnExistingStore_thenRefusedNamingTheFileAndNothingCreated() {
    Path home = temp.resolve("home");

    assertThatThrownBy(() -> KeyRing.existing(Map.of(), home)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(home.resolve("secret.key").toString()).hasMessageContaining("MAILTOKEN_SECRET");
    assertThat(home).doesNotExist();
  }

  @Test
  void givenSecretVariable_whenLoaded_thenKeyIdIsTheFirst8HexOfItsSha256() throws Exception {
    byte[] key = new byte[32];
    key[0] = 7;
    String base64 = Base64.getEncoder().encodeToString(key);

    KeyRing ring = KeyRing.fromEnvironment(Map.of("MAILTOKEN_SECRET", base64), temp);

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
    assertThat(ring.currentKeyId()).isEqualTo(expected);
    assertThat(ring.createdKeyFile()).isEmpty();
    assertThat(Files.exists(temp.resolve("secret.key"))).isFalse();
    assertThat(ring.toString()).doesNotContain(base64);
  }

  @Test
  void givenSecretNotBase64_whenLoaded_thenErrorSaysWhatToFix() {
    assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of("MAILTOKEN_SECRET", "not base64 !!"), temp))
        .isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("MAILTOKEN_SECRET").hasMessageContaining("not valid base64")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void givenSecretOfWrongLength_whenLoaded_thenErrorNamesTheLength() {
    String sixteen = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of("MAILTOKEN_SECRET", sixteen), temp))
        .isInstanceOf(StoreKeyException.class).hasMessageContaining("has 16 bytes").hasMessageContaining("32");
  }

  @Test
  void givenSecretFileVariableNamingMissingFile_whenLoaded_thenErrorAndNoFileCreated() {
    Path missing = temp.resolve("nope.key");

    assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of("MAILTOKEN_SECRET_FILE", missing.toString()), temp))
        .isInstanceOf(StoreKeyException.class).hasMessageContaining(missing.toString());
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void givenRotatedRingWrittenToFile_whenReadBack_thenCurrentKeyFirstAndOldKeysKept() throws Exception {
    KeyRing old = KeyRing.generate();
    KeyRing rotated = old.rotated();
    Path file = temp.resolve("keys").resolve("rotated.key");

    rotated.writeTo(file);
    KeyRing read = KeyRing.fromEnvironment(Map.of("MAILTOKEN_SECRET_FILE", file.toString()), temp);

    assertThat(read.keyIds()).containsExactly(rotated.currentKeyId(), old.currentKeyId());
    assertThat(read.keyFile()).contains(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
