package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.ServiceAccountRegistration;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JwtBearerTest {
  private static final String SA = "mailer@project.iam.gserviceaccount.com";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;
  private static final TestKeys KEYS = new TestKeys();

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GOOGLE, clock);
    emulator.registerServiceAccount(new ServiceAccountRegistration(SA, (RSAPublicKey) KEYS.pair.getPublic(), "kid-1",
        Set.of(GOOGLE_MAIL)));
    logs.forbidAll(emulator::issuedSecrets).forbid(KEYS.pkcs8Pem().substring(40, 100));
  }

  private String keyFile(String pem) {
    return KEYS.keyFileJson(SA, "kid-1", pem, emulator.tokenEndpoint().toString());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void givenKeyFileWithEmulatorTokenUri_whenMintingForDelegatedUser_thenTokenActsAsThatUser() throws Exception {
    ServiceAccountKey key = ServiceAccountKey.fromJson(keyFile(KEYS.pkcs8Pem()));

    TokenResponse r = Emulated.client(clock).jwtBearer(key, "bob@example.com", List.of(GOOGLE_MAIL));

    assertThat(r.refreshToken()).isEmpty();
    assertThat(emulator.introspect(r.accessToken().reveal())).get().extracting(i -> i.user())
        .isEqualTo("bob@example.com");
    assertThat(emulator.requests(Endpoint.TOKEN).get(0).formParams())
        .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").doesNotContainKey("scope");
  }

  @Test
  void givenPkcs1KeyFile_whenMinting_thenAccepted() throws Exception {
    ServiceAccountKey key = ServiceAccountKey.fromJson(keyFile(KEYS.pkcs1Pem()));

    assertThat(Emulated.client(clock).jwtBearer(key, null, List.of(GOOGLE_MAIL)).accessToken()).isNotNull();
  }

  @Test
  void givenScopeOutsideTheDelegation_whenMintingForUser_thenConfigurationErrorExplainsDelegation() {
    ServiceAccountKey key = ServiceAccountKey.fromJson(keyFile(KEYS.pkcs8Pem()));

    assertThatThrownBy(() -> Emulated.client(clock).jwtBearer(key, "bob@example.com",
        List.of(GOOGLE_MAIL, "https://www.googleapis.com/auth/drive")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.oauthError()).get().extracting(OAuthError::error).isEqualTo("unauthorized_client");
          assertThat(e.getMessage()).contains("Domain-wide delegation").contains("bob@example.com");
        });
  }

  @Test
  void givenClientClockFarFromServer_whenMinting_thenAssertionRejectedAsDeadGrant() {
    OAuthClient skewed = OAuthClient.builder().clock(TestClock.at(Emulated.START.plus(Duration.ofMinutes(30)))).build();
    ServiceAccountKey key = ServiceAccountKey.fromJson(keyFile(KEYS.pkcs8Pem()));

    assertThatThrownBy(() -> skewed.jwtBearer(key, null, List.of(GOOGLE_MAIL)))
        .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("clock");
  }
}
