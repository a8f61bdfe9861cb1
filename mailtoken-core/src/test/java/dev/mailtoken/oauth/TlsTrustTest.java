package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import dev.mailtoken.UntrustedCertificateException;
import dev.mailtoken.testkit.SelfSignedCertificate;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.TlsEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token endpoint behind a certificate the JDK does not trust (the testkit's self-signed one, as a
 * private CA would be): refused as a configuration error naming PKIX, never a transient one; trusted
 * through {@link OAuthClientBuilder#sslContext}.
 */
class TlsTrustTest {
  private final TestClock clock = TestClock.at(Emulated.START);
  private final SelfSignedCertificate certificate = SelfSignedCertificate.generate();
  private TlsEndpoint server;
  private App app;

  @BeforeEach
  void start() throws IOException {
    server = new TlsEndpoint(certificate.serverContext(),
        "{\"access_token\":\"tls-at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    app = App.builder().provider(OAuthProvider.builder().name("private-idp").tokenEndpoint(server.uri("/token"))
        .build()).clientId("app-1").clientSecret(Secret.of("s3cret")).scopes(List.of("mail")).build();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void givenSelfSignedTokenEndpoint_whenRefreshingWithTheDefaultTrust_thenConfigurationErrorNamingPkix() {
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10)).build();

    assertThatThrownBy(() -> client.refresh(app, Secret.of("rt-1"), List.of()))
        .isInstanceOf(UntrustedCertificateException.class)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("PKIX")
        .hasMessageContaining("127.0.0.1")
        .satisfies(e -> assertThat(((UntrustedCertificateException) e).isTransient()).isFalse());
  }

  @Test
  void givenSelfSignedTokenEndpoint_whenItsCertificateIsTrusted_thenTheRefreshSucceeds() throws Exception {
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10))
        .sslContext(certificate.clientContext()).build();

    TokenResponse response = client.refresh(app, Secret.of("rt-1"), List.of());

    assertThat(response.accessToken().reveal()).isEqualTo("tls-at-1");
  }

  @Test
  void givenOwnHttpClient_whenAnSslContextIsAlsoSet_thenBuildRefusesNamingBoth() {
    OAuthClientBuilder b = OAuthClient.builder().httpClient(java.net.http.HttpClient.newBuilder()
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()).sslContext(certificate.clientContext());

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("sslContext")
        .hasMessageContaining("httpClient");
  }
}
