package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.MS_SMTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.ProviderEmulatorBuilder;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Polling for the device-code tokens (RFC 8628 §3.4–3.5, T-D-02, T-D-03), no real waiting. */
class DevicePollingTest {
  private static final String USER = "dora@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private final OAuthClient client = Emulated.client(clock);
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final DeviceCodePoller poller = new DeviceCodePoller(client, sleeper);
  private ProviderEmulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  private DeviceAuthorization start(EmulatorMode mode, List<String> scopes) throws Exception {
    return start(mode, scopes, b -> b);
  }

  private DeviceAuthorization start(EmulatorMode mode, List<String> scopes, UnaryOperator<ProviderEmulatorBuilder> knobs)
      throws Exception {
    emulator = knobs.apply(ProviderEmulator.builder().mode(mode).clock(clock)).build().start();
    emulator.registerClient(ClientRegistration.publicClient(DeviceAuthorizationTest.PUBLIC_CLIENT).build());
    logs.forbidAll(emulator::issuedSecrets);
    return client.startDeviceAuthorization(DeviceAuthorizationTest.publicApp(emulator, scopes), List.of());
  }

  private Runnable approve(DeviceAuthorization device) {
    return () -> emulator.approveDeviceCode(device.userCode(), USER);
  }

  @Test
  void givenUserApprovesAfterOnePendingPoll_whenAwaiting_thenTokensAfterTwoPollsAtTheInterval() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("openid", "mail.send"));
    sleeper.during(2, approve(device));

    TokenResponse tokens = poller.await(device);

    assertThat(tokens.refreshToken()).isPresent();
    assertThat(emulator.introspect(tokens.accessToken().reveal()).orElseThrow().user()).isEqualTo(USER);
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenProviderAnnouncesSevenSeconds_whenAwaiting_thenPollsEverySevenSeconds() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"),
        b -> b.deviceInterval(Duration.ofSeconds(7)));
    sleeper.during(3, approve(device));

    poller.await(device);

    assertThat(sleeper.pauses).containsOnly(Duration.ofSeconds(7)).hasSize(3);
  }

  @Test
  void givenSlowDown_whenAwaiting_thenEveryLaterPollWaitsFiveSecondsLonger() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"));
    emulator.faults().next(Endpoint.TOKEN, Fault.oauthError(400, "slow_down", "polling too fast"));
    sleeper.during(4, approve(device));

    poller.await(device);

    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void givenGooglePending428_whenTheUserApproves_thenTokens() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GOOGLE, List.of("openid", "email"));
    sleeper.during(3, approve(device));

    TokenResponse tokens = poller.await(device);

    assertThat(tokens.idToken()).isPresent();
    assertThat(emulator.requests(Endpoint.TOKEN)).hasSize(3);
  }

  @Test
  void givenMicrosoftUserDeclines_whenAwaiting_thenDeniedByUser() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.MICROSOFT, List.of(MS_SMTP));
    sleeper.during(1, () -> emulator.declineDeviceCode(device.userCode()));

    assertThatThrownBy(() -> poller.await(device))
        .isInstanceOfSatisfying(AuthorizationDeniedException.class, e -> {
          assertThat(e.deniedByUser()).isTrue();
          assertThat(e.oauthError().orElseThrow().error()).isEqualTo("authorization_declined");
        })
        .hasMessageContaining("declined");
  }

  @Test
  void givenGenericUserDenies_whenAwaiting_thenAccessDenied() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"));
    sleeper.during(2, () -> emulator.declineDeviceCode(device.userCode()));

    assertThatThrownBy(() -> poller.await(device))
        .isInstanceOfSatisfying(AuthorizationDeniedException.class, e -> assertThat(e.deniedByUser()).isTrue());
  }

  @Test
  void givenNobodyAnswers_whenTheCodeExpires_thenExpiredWithTheUserCodeAndNoPollAfterExpiry() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"));

    assertThatThrownBy(() -> poller.await(device))
        .isInstanceOf(AuthorizationExpiredException.class)
        .hasMessageContaining(device.userCode()).hasMessageContaining("Start the device authorization again");
    assertThat(clock.instant()).isEqualTo(device.expiresAt());
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(600 / 5);
  }

  @Test
  void givenMaxWaitShorterThanTheCode_whenNobodyAnswers_thenGivesUpAtMaxWait() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.MICROSOFT, List.of(MS_SMTP));

    assertThatThrownBy(() -> poller.await(device, Duration.ofSeconds(30)))
        .isInstanceOf(AuthorizationExpiredException.class).hasMessageContaining("30 s");
    assertThat(clock.instant()).isEqualTo(Emulated.START.plusSeconds(30));
  }

  @Test
  void givenMicrosoftAppWithoutPublicClientFlows_whenPolling_thenExplainedNotTheRawCode() throws Exception {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential("web-app", "s3cret-value").build());
    logs.forbidAll(emulator::issuedSecrets);
    OAuthProvider provider = Emulated.provider(emulator).toBuilder()
        .deviceAuthorizationEndpoint(emulator.deviceEndpoint()).build();
    App app = App.builder().provider(provider).clientId("web-app").build();
    DeviceAuthorization device = client.startDeviceAuthorization(app, List.of());

    assertThatThrownBy(() -> poller.await(device))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Allow public client flows").hasMessageContaining("loopback flow");
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenTransientFailure_whenPolling_thenBacksOffAndKeepsPolling() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"));
    emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));
    sleeper.during(3, approve(device));

    TokenResponse tokens = poller.await(device);

    assertThat(tokens.accessToken()).isNotNull();
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(5));
  }

  @Test
  void givenProviderDownUntilExpiry_whenAwaiting_thenTheTransientFailureIsThrown() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"));
    emulator.faults().always(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"server_error\"}"));

    assertThatThrownBy(() -> poller.await(device)).isInstanceOf(TransientException.class);
    assertThat(sleeper.pauses).contains(Duration.ofMinutes(1));
  }

  @Test
  void givenUserUnticksTheMailScope_whenApproved_thenScopeNotGranted() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.MICROSOFT, List.of("openid", MS_SMTP));
    emulator.consent(ConsentDecision.grant(List.of("openid", "offline_access")));
    sleeper.during(1, approve(device));

    assertThatThrownBy(() -> poller.await(device)).isInstanceOf(ScopeNotGrantedException.class)
        .hasMessageContaining(MS_SMTP);
  }

  @Test
  void givenOfflineAccessNotGranted_whenApproved_thenMissingRefreshToken() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.MICROSOFT, List.of(MS_SMTP));
    emulator.consent(ConsentDecision.grant(List.of(MS_SMTP)));
    sleeper.during(1, approve(device));

    assertThatThrownBy(() -> poller.await(device)).isInstanceOf(MissingRefreshTokenException.class)
        .hasMessageContaining("offline_access");
  }

  @Test
  void givenApprovedCodeAlreadyRedeemed_whenPolledAgain_thenAuthorizationException() throws Exception {
    DeviceAuthorization device = start(EmulatorMode.GENERIC, List.of("mail.send"));
    sleeper.during(1, approve(device));
    poller.await(device);

    assertThatThrownBy(() -> poller.await(device)).isExactlyInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Start the device authorization again");
  }
}
