package dev.mailtoken.store;

import static dev.mailtoken.testsupport.FuzzInputs.bounded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.FuzzInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the key sources: any key file content (or {@code MAILTOKEN_SECRET} value) gives a key
 * ring or a {@link StoreKeyException}, never another exception or a hang, and no message shows a
 * piece of a key.
 */
class KeyFileFuzzTest {
  private static final String KEY = Base64.getEncoder().encodeToString(
      "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
  private static final Path DIR = temp();

  private static Path temp() {
    try {
      return Files.createTempDirectory("mailtoken-keyfile-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.oneOf(Arbitraries.of(KEY, " " + KEY + " ", "# comment " + KEY, "", "   ", "#",
            Base64.getEncoder().encodeToString(new byte[16]), Base64.getEncoder().encodeToString(new byte[64]),
            KEY.substring(0, 40), KEY + "=", KEY.replace('A', '*'), "\uFEFF" + KEY, KEY + "\u0000"),
        FuzzInputs.oddText(), FuzzInputs.damaged(Arbitraries.just(KEY)));
  }

  @Provide
  Arbitrary<String> files() {
    return Arbitraries.oneOf(lines().list().ofMaxSize(6).map(l -> String.join("\n", l)),
        lines().list().ofMaxSize(6).map(l -> String.join("\r\n", l)));
  }

  @Property
  void anyKeyFile_givesARingOrAKeyErrorThatShowsNoKey(@ForAll("files") String content) throws Exception {
    Path file = DIR.resolve("secret.key");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));   // a lone surrogate becomes ?

    FuzzInputs.Outcome<KeyRing> o = bounded(() -> KeyRing.existing(
        Map.of(KeyRing.SECRET_FILE_VARIABLE, file.toString()), DIR));

    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(StoreKeyException.class);
      assertThat(o.thrown().getMessage()).doesNotContain(KEY.substring(0, 24), KEY.substring(20));
    } else {
      assertThat(o.value().toString()).doesNotContain(KEY.substring(0, 24));
    }
  }

  @Property
  void anySecretVariable_givesARingOrAKeyErrorThatShowsNoKey(@ForAll("lines") String value) {
    FuzzInputs.Outcome<KeyRing> o = bounded(() -> KeyRing.existing(Map.of(KeyRing.SECRET_VARIABLE, value), DIR));

    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(StoreKeyException.class);
      assertThat(o.thrown().getMessage()).doesNotContain(KEY.substring(0, 24));
    }
  }
}
