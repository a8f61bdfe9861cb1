package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text a provider sends reaches messages, logs and stores with its control characters escaped. */
class ProviderTextEscapingTest {
  /** Clears the screen, forges a log line, and reverses the text after it (RLO). */
  private static final String HOSTILE = "Token revoked\u001b[2J\r\n2031-01-01 INFO all good\u202egnp.exe\u0007";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GOOGLE, clock);
    logs.forbidAll(emulator::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void givenErrorDescriptionWithControlCharacters_whenRefreshFails_thenMessageAndErrorHoldThemEscaped() {
    emulator.faults().next(Endpoint.TOKEN, Fault.oauthError(400, "invalid_grant", HOSTILE));
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));

    MailtokenException e = catchThrowableOfType(MailtokenException.class,
        () -> Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of(), USER));

    assertThat(e.getMessage()).doesNotContain("\u001b", "\r", "\n", "\u202e", "\u0007")
        .contains("Token revoked\\u001b[2J\\r\\n2031-01-01 INFO all good\\u202egnp.exe\\u0007");
    assertThat(e.oauthError().orElseThrow().description()).isEqualTo(ServerText.printable(HOSTILE));
  }

  @Test
  void givenNonJsonBodyWithControlCharacters_whenExcerpted_thenTheyAreEscaped() {
    String excerpt = Excerpts.of("<html>\u001b]0;owned\u0007 bad gateway</html>");

    assertThat(excerpt).isEqualTo("<html>\\u001b]0;owned\\u0007 bad gateway</html>");
  }

  @Test
  void givenTokenTypeWithControlCharacters_whenRead_thenTheRefusalEscapesIt() {
    TokenResponseReader reader = new TokenResponseReader(clock);
    Target target = new Target("generic", URI.create("https://as.example.com/token"), USER);
    HttpReply reply = new HttpReply(200, HttpHeaders.of(Map.of(), (a, b) -> true),
        "{\"access_token\":\"at-1\",\"token_type\":\"mac\\u001b[31m\"}");

    InvalidResponseException e = catchThrowableOfType(InvalidResponseException.class,
        () -> reader.read(GrantType.REFRESH_TOKEN, target, reply, List.of()));

    assertThat(e.getMessage()).doesNotContain("\u001b").contains("mac\\u001b[31m");
  }

  @Test
  void givenOrdinaryText_whenMadePrintable_thenUnchanged() {
    String text = "Grüße, 世界 😀 C:\\path\\file (HTTP 400): Token has been expired or revoked.";

    assertThat(ServerText.printable(text)).isSameAs(text);
  }

  @Test
  void givenLoneSurrogateAndSeparators_whenMadePrintable_thenEscaped() {
    assertThat(ServerText.printable("a\ud800b\u2028c\u00adz\u0000")).isEqualTo("a\\ud800b\\u2028c\\u00adz\\u0000");
  }
}
