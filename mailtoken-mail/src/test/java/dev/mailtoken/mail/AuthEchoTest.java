package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies that repeat the AUTH payload are masked however the server frames the echo. */
class AuthEchoTest {
  private static final String TOKEN = "ya29.a0AfH6SMBxCqKLqJw8_long-token-value";
  private static final String PAYLOAD = "dXNlcj1hQGV4YW1wbGUuY29tAWF1dGg9QmVhcmVyIHlhMjkuYTBBZkg2U01CeA==";

  @Test
  void givenAnEchoRunIntoOtherTokenCharacters_whenMasked_thenItIsRedactedAnyway() {
    // Found by SmtpParsersFuzzTest: "…==." and "…Xa" were one run that was no substring of a secret.
    String reply = "535 5.7.8 Authentication failed for " + PAYLOAD + ". Token " + TOKEN.substring(0, 20) + "x";

    String masked = AuthEcho.mask(reply, List.of(TOKEN, PAYLOAD));

    assertThat(masked).isEqualTo("535 5.7.8 Authentication failed for <redacted>. Token <redacted>");
  }

  @Test
  void givenAReplyWithoutAnEcho_whenMasked_thenUnchanged() {
    String reply = "535-5.7.8 Username and Password not accepted. https://support.google.com/mail/?p=BadCredentials";

    assertThat(AuthEcho.mask(reply, List.of(TOKEN, PAYLOAD))).isEqualTo(reply);
  }
}
