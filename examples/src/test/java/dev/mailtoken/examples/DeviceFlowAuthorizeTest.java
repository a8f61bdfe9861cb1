package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationDeniedException;
import dev.mailtoken.oauth.DeviceCodePoller;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeviceFlowAuthorize} against the Microsoft-like emulator. Nobody waits: the sleeper moves
 * the test clock the emulator and the client share, and at a chosen poll "the person" answers the
 * code the example printed.
 */
class DeviceFlowAuthorizeTest {
  private static final String MAILBOX = "bob@contoso.com";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  /** Records each pause, moves the clock, and on pause {@code n} lets the person act on the pending code. */
  private DeviceCodePoller.Sleeper answeringOnPause(ExampleRig rig, int n, Consumer<String> person) {
    return duration -> {
      pauses.add(duration);
      clock.advance(duration);
      if (pauses.size() == n) {
        person.accept(rig.provider.pendingUserCodes().get(0));
      }
    };
  }

  @Test
  void givenThePersonEntersTheCode_whenTheExampleRuns_thenTheMailboxRefreshTokenIsSavedAndOnlyItsFingerprintShown(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("refresh-token");
    try (ExampleRig rig = ExampleRig.microsoft(dir, logs, clock).publicClient()) {
      List<String> entered = new CopyOnWriteArrayList<>();
      DeviceCodePoller.Sleeper sleeper = answeringOnPause(rig, 2, code -> {
        entered.add(code);
        rig.provider.approveDeviceCode(code, MAILBOX);
      });

      Secret saved = DeviceFlowAuthorize.run(rig.args("--tenant", "contoso.onmicrosoft.com",
          "--refresh-token-file", file.toString()), clock, sleeper, out);

      String output = printed.toString(StandardCharsets.UTF_8);
      assertThat(output).contains("open " + rig.provider.baseUri().resolve("/devicelogin"),
          "enter the code " + entered.get(0), "refresh token sha256:" + saved.fingerprint(), "saved to " + file);
      assertThat(pauses).as("polled at the provider's interval").containsExactly(Duration.ofSeconds(5),
          Duration.ofSeconds(5));
      assertThat(Files.readString(file)).isEqualTo(saved.reveal());
      assertThat(rig.provider.issuedSecrets()).contains(saved.reveal())
          .allSatisfy(secret -> assertThat(output).doesNotContain(secret));
      TokenResponse refreshed = OAuthClient.builder().clock(clock).build().refresh(app(rig), saved, List.of());
      assertThat(rig.provider.introspect(refreshed.accessToken().reveal())).hasValueSatisfying(info ->
          assertThat(info.user()).as("the saved token is the consenting mailbox's").isEqualTo(MAILBOX));
    }
  }

  @Test
  void givenThePersonDeclines_whenTheExampleRuns_thenDeniedAndNoFileIsWritten(@TempDir Path dir) {
    Path file = dir.resolve("refresh-token");
    try (ExampleRig rig = ExampleRig.microsoft(dir, logs, clock).publicClient()) {
      DeviceCodePoller.Sleeper sleeper = answeringOnPause(rig, 1, rig.provider::declineDeviceCode);

      assertThatThrownBy(() -> DeviceFlowAuthorize.run(rig.args("--tenant", "contoso.onmicrosoft.com",
          "--refresh-token-file", file.toString()), clock, sleeper, out))
          .isInstanceOf(AuthorizationDeniedException.class);
      assertThat(file).doesNotExist();
    }
  }

  private static App app(ExampleRig rig) {
    return App.builder()
        .provider(OAuthProvider.microsoft("contoso.onmicrosoft.com").toBuilder()
            .tokenEndpoint(rig.provider.tokenEndpoint()).build())
        .clientId(ExampleRig.PUBLIC_CLIENT_ID)
        .build();
  }
}
