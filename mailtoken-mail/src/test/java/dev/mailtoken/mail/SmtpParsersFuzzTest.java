package dev.mailtoken.mail;

import static dev.mailtoken.testsupport.FuzzInputs.bounded;
import static dev.mailtoken.testsupport.FuzzInputs.hasControlCharacters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.FuzzInputs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes what mailtoken reads from a mail server: the SASL error challenge after a refused token
 * ({@link BearerErrorChallenge#parse}) and the masking of replies that echo the AUTH payload
 * ({@link AuthEcho}). Whatever the server sends: no exception, no hang, no control character in
 * what is kept, no piece of the token in what is shown.
 */
class SmtpParsersFuzzTest {

  @Provide
  Arbitrary<byte[]> challenges() {
    Arbitrary<String> json = FuzzInputs.jsonObject(List.of("status", "schemes", "scope", "openid-configuration"),
        Arbitraries.oneOf(FuzzInputs.jsonValue(), Arbitraries.of("\"400\"", "\"invalid_token\"", "\"Bearer\"",
            "\"https://mail.google.com/\"")));
    return Arbitraries.oneOf(json.map(s -> s.getBytes(StandardCharsets.UTF_8)),
        FuzzInputs.oddText().map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  @Property
  void anyErrorChallenge_isParsedOrIgnoredAndKeepsNoControlCharacter(@ForAll("challenges") byte[] challenge) {
    FuzzInputs.Outcome<Optional<BearerErrorChallenge>> o = bounded(() -> BearerErrorChallenge.parse(challenge));

    assertThat(o.thrown()).isNull();
    o.value().ifPresent(c -> assertThat(hasControlCharacters(c.status() + c.schemes() + c.scope())).isFalse());
  }

  /** A token, the XOAUTH2 response carrying it, and a reply that repeats some of either. */
  record Echo(String token, String payload, String reply) {
  }

  @Provide
  Arbitrary<Echo> echoes() {
    Arbitrary<String> tokens = Arbitraries.strings().withChars("ABCDEFabcdef0123456789-._~+/").ofMinLength(20)
        .ofMaxLength(1500).map(s -> "ya29." + s);
    return Combinators.combine(tokens, Arbitraries.integers().between(0, 2000), Arbitraries.integers().between(0, 2000),
        FuzzInputs.oddText(), FuzzInputs.oddText(), Arbitraries.integers().between(0, 3))
        .as((token, from, to, before, after, which) -> {
          String payload = Base64.getEncoder().encodeToString(("user=a@example.com\u0001auth=Bearer " + token
              + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
          String source = which % 2 == 0 ? token : payload;
          int a = Math.min(from, source.length());
          int b = Math.min(Math.max(a, to), source.length());
          String echoed = which == 3 ? "" : source.substring(a, b);
          return new Echo(token, payload, "535 5.7.8 " + before + echoed + after);
        });
  }

  @Property
  void anyReplyEchoingTheAuthPayload_isShownWithoutA16CharacterPieceOfIt(@ForAll("echoes") Echo echo) {
    FuzzInputs.Outcome<String> o = bounded(() -> AuthEcho.mask(echo.reply(), List.of(echo.token(), echo.payload())));

    assertThat(o.thrown()).isNull();
    for (String secret : List.of(echo.token(), echo.payload())) {
      for (int i = 0; i + 16 <= secret.length(); i += 4) {
        assertThat(o.value()).doesNotContain(secret.substring(i, i + 16));
      }
    }
  }
}
