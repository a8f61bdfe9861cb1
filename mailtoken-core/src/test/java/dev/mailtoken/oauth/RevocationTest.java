package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RevocationTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;

  private void start(EmulatorMode mode) {
    emulator = Emulated.start(mode, clock);
    logs.forbidAll(emulator::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void givenLiveGoogleRefreshToken_whenRevoked_thenRevokedAndRefreshFails() throws Exception {
    start(EmulatorMode.GOOGLE);
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));
    OAuthClient client = Emulated.client(clock);

    assertThat(client.revoke(Emulated.app(emulator), rt, TokenTypeHint.REFRESH_TOKEN)).isEqualTo(Revocation.REVOKED);
    assertThat(emulator.requests(Endpoint.REVOKE).get(0).formParams())
        .containsEntry("token_type_hint", "refresh_token");
    assertThatThrownBy(() -> client.refresh(Emulated.app(emulator), rt, List.of()))
        .isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void givenAlreadyRevokedGoogleToken_whenRevokedAgain_thenCountsAsDone() throws Exception {
    start(EmulatorMode.GOOGLE);
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));
    OAuthClient client = Emulated.client(clock);
    client.revoke(Emulated.app(emulator), rt, null);

    assertThat(client.revoke(Emulated.app(emulator), rt, null)).isEqualTo(Revocation.ALREADY_INVALID);
  }

  @Test
  void givenMicrosoft_whenRevoking_thenNotSupportedAndNothingIsSent() throws Exception {
    start(EmulatorMode.MICROSOFT);

    assertThat(Emulated.client(clock).revoke(Emulated.app(emulator), Secret.of("some-refresh-token"), null))
        .isEqualTo(Revocation.NOT_SUPPORTED);
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void givenRevocationEndpointBusy_whenRevoking_thenTransientWithRetryAfter() {
    start(EmulatorMode.GENERIC);
    emulator.faults().next(Endpoint.REVOKE, Fault.tooManyRequests(Duration.ofSeconds(9)));

    assertThatThrownBy(() -> Emulated.client(clock).revoke(Emulated.app(emulator), Secret.of("tok-123456"), null))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(9)));
  }
}
