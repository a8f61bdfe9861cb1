package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void givenGenericIssuer_whenDiscovered_thenEndpointsComeFromTheMetadata() throws Exception {
    emulator = Emulated.start(EmulatorMode.GENERIC, clock);

    OAuthProvider p = OAuthProvider.discover(emulator.issuer(), Emulated.client(clock));

    assertThat(p.tokenEndpoint()).isEqualTo(emulator.tokenEndpoint());
    assertThat(p.authorizationEndpoint()).contains(emulator.authorizationEndpoint());
    assertThat(p.revocationEndpoint()).contains(emulator.revocationEndpoint());
    assertThat(p.issuer()).contains(emulator.issuer());
  }

  @Test
  void givenIssuerThatDiffersFromTheDocument_whenDiscovered_thenRejected() {
    emulator = Emulated.start(EmulatorMode.GENERIC, clock);
    URI other = URI.create(emulator.issuer().toString().replace("127.0.0.1", "localhost"));

    assertThatThrownBy(() -> OAuthProvider.discover(other, Emulated.client(clock)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("names issuer");
  }

  @Test
  void givenMicrosoftTenantIssuer_whenDocumentNamesTheTenantTemplate_thenAccepted() throws Exception {
    emulator = Emulated.start(EmulatorMode.MICROSOFT, clock);

    OAuthProvider p = OAuthProvider.discover(emulator.issuer("common"), Emulated.client(clock));

    assertThat(p.tokenEndpoint()).isEqualTo(emulator.tokenEndpoint("common"));
  }

  @Test
  void givenTemplateIssuer_whenMatching_thenOnlyOneTenantSegmentIsAccepted() {
    String template = "https://login.microsoftonline.com/{tenantid}/v2.0";

    assertThat(ProviderDiscovery.issuerMatches(template, "https://login.microsoftonline.com/common/v2.0")).isTrue();
    assertThat(ProviderDiscovery.issuerMatches(template, "https://login.microsoftonline.com/a/b/v2.0")).isFalse();
    assertThat(ProviderDiscovery.issuerMatches(template, "https://evil.example.com/common/v2.0")).isFalse();
  }

  @Test
  void givenIssuerWithoutMetadata_whenDiscovered_thenConfigurationErrorNamesTheIssuer() {
    emulator = Emulated.start(EmulatorMode.GENERIC, clock);
    URI wrong = URI.create(emulator.baseUri() + "/no-such-realm");

    assertThatThrownBy(() -> OAuthProvider.discover(wrong, Emulated.client(clock)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-such-realm");
  }
}
