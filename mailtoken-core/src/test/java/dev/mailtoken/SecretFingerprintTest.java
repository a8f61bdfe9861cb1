package dev.mailtoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretFingerprintTest {

  @Test
  void givenASecret_whenFingerprinted_thenItIsTheFirstEightHexDigitsOfTheValuesSha256() throws Exception {
    String value = "ya29.a0-some-access-token";
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));

    assertThat(Secret.of(value).fingerprint()).isEqualTo(HexFormat.of().formatHex(hash, 0, 4))
        .isEqualTo(Secret.fingerprintOf(value));
  }

  @Test
  void givenAFingerprintWithLeadingZeroDigits_whenPrinted_thenItKeepsEightDigits() {
    // Values whose SHA-256 starts with a zero byte: the int form must still print 8 digits.
    String value = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "token-" + i)
        .filter(v -> Secret.fingerprintOf(v).startsWith("00")).findFirst().orElseThrow();

    assertThat(Secret.of(value).fingerprint()).hasSize(8).startsWith("00");
    assertThat(Secret.of(value).toString()).isEqualTo("Secret[sha256:" + Secret.of(value).fingerprint() + "]");
  }

  @Test
  void givenTwoSecretsOfOneValue_whenCompared_thenEqualWithTheSameHashCode() {
    assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
  }
}
