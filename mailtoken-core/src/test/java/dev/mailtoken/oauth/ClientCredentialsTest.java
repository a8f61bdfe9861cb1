package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientCredentialsTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GENERIC, clock);
    logs.forbidAll(emulator::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void givenConfidentialApp_whenAskingForAnAppToken_thenIssuedWithoutRefreshToken() throws Exception {
    TokenResponse r = Emulated.client(clock).clientCredentials(
        Emulated.app(emulator, ClientAuthentication.CLIENT_SECRET_BASIC), List.of());

    assertThat(r.refreshToken()).isEmpty();
    assertThat(emulator.requests(Endpoint.TOKEN).get(0).formParams())
        .containsEntry("grant_type", "client_credentials").containsEntry("scope", "mail.send");
  }

  @Test
  void givenPublicApp_whenAskingForAnAppToken_thenRefusedLocally() {
    App publicApp = App.builder().provider(Emulated.provider(emulator)).clientId("spa").build();

    assertThatThrownBy(() -> Emulated.client(clock).clientCredentials(publicApp, List.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("confidential client");
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isZero();
  }
}
