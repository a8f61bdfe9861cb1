package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir
  Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("mailtoken.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void givenNothing_whenLoaded_thenLoopbackPort8025AndDocumentedDefaults() throws Exception {
    ServerConfig c = ServerConfig.load(Optional.empty(), Map.of(), Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8025);
    assertThat(c.tls()).isEmpty();
    assertThat(c.maxBodyBytes()).isEqualTo(65536);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.refreshesPerSecond()).isEqualTo(5.0);
  }

  @Test
  void givenFileEnvAndFlag_whenLoaded_thenFlagBeatsEnvironmentBeatsFile() throws Exception {
    Path f = file("port: 9001\nmax-body-size: 128k\nrefresh:\n  margin: 7m\n");
    ServerConfig fileOnly = ServerConfig.load(Optional.of(f), Map.of(), Map.of());
    ServerConfig withEnv = ServerConfig.load(Optional.of(f), Map.of("MAILTOKEN_SERVER_PORT", "9002"), Map.of());
    ServerConfig withFlag = ServerConfig.load(Optional.of(f), Map.of("MAILTOKEN_SERVER_PORT", "9002"),
        Map.of("port", "9003"));
    assertThat(fileOnly.port()).isEqualTo(9001);
    assertThat(withEnv.port()).isEqualTo(9002);
    assertThat(withFlag.port()).isEqualTo(9003);
    assertThat(withFlag.maxBodyBytes()).isEqualTo(128 * 1024);
    assertThat(withFlag.refreshMargin()).isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void givenANonLoopbackHostWithoutTls_whenLoaded_thenRefusedWithWhatToDo() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("MAILTOKEN_SERVER_HOST", "0.0.0.0"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Refusing to listen on 0.0.0.0 without TLS")
        .hasMessageContaining("trusted-proxies");
  }

  @Test
  void givenALanAddressOrAHostNameWithoutTls_whenLoaded_thenRefusedToo() {
    for (String host : new String[] {"192.168.1.10", "::", "mail.example.com"}) {
      assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("host", host)))
          .as(host).isInstanceOf(ConfigurationException.class).hasMessageContaining("without TLS");
    }
  }

  @Test
  void givenALoopbackHostInAnySpelling_whenLoadedWithoutTls_thenAccepted() throws Exception {
    for (String host : new String[] {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"}) {
      assertThat(ServerConfig.load(Optional.empty(), Map.of(), Map.of("host", host)).host()).isEqualTo(host);
    }
  }

  @Test
  void givenANonLoopbackHostWithTls_whenLoaded_thenAccepted() throws Exception {
    ServerConfig c = ServerConfig.load(Optional.of(file("host: 0.0.0.0\ntls:\n  keystore: server.p12\n")),
        Map.of(), Map.of());
    assertThat(c.tls()).isPresent();
    assertThat(c.tls().get().minVersion()).isEqualTo("TLSv1.2");
  }

  @Test
  void givenAnUnknownMinimumTlsVersion_whenLoaded_thenRefusedNamingTheChoices() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("MAILTOKEN_SERVER_TLS_MIN_VERSION", "TLSv1.1"),
        Map.of())).isInstanceOf(ConfigurationException.class).hasMessageContaining("TLSv1.2 or TLSv1.3");
  }

  @Test
  void givenANonLoopbackHostBehindTrustedProxies_whenLoaded_thenAccepted() throws Exception {
    ServerConfig c = ServerConfig.load(Optional.of(file("host: 0.0.0.0\ntrusted-proxies: [10.0.0.7, \"::1\"]\n")),
        Map.of(), Map.of());
    assertThat(c.trustedProxies()).hasSize(2);
  }

  @Test
  void givenAProxyNamedByHostName_whenLoaded_thenRefused() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("trusted-proxies", "proxy.example")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("no host names");
  }

  @Test
  void givenATypoInTheFile_whenLoaded_thenTheUnknownKeyIsNamedWithTheKnownOnes() throws Exception {
    Path f = file("prot: 9001\n");
    assertThatThrownBy(() -> ServerConfig.load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("\"prot\"").hasMessageContaining("port");
  }

  @Test
  void givenABadValue_whenLoaded_thenTheKeyAndItsOriginAreNamed() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of("MAILTOKEN_SERVER_SHUTDOWN_TIMEOUT", "soon"),
        Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("shutdown-timeout")
        .hasMessageContaining("MAILTOKEN_SERVER_SHUTDOWN_TIMEOUT");
  }

  @Test
  void givenOnlyACertificate_whenLoaded_thenTheMissingKeyIsNamed() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("tls.certificate", "c.pem")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("tls.private-key");
  }

  @Test
  void givenAKeySetTwice_whenBuilding_thenTheSecondSetFails() {
    ServerConfig.Builder b = ServerConfig.builder().port(1);
    assertThatThrownBy(() -> b.port(2)).isInstanceOf(IllegalStateException.class).hasMessage("port was already set to 1");
  }

  @Test
  void givenEveryKey_whenItsEnvironmentVariableIsDerived_thenItIsPrefixedAndUpperCase() {
    assertThat(ConfigKey.TLS_MIN_VERSION.envVariable()).isEqualTo("MAILTOKEN_SERVER_TLS_MIN_VERSION");
    assertThat(ConfigKey.REFRESH_RATE.envVariable()).isEqualTo("MAILTOKEN_SERVER_REFRESH_PER_PROVIDER_PER_SECOND");
  }

  @Test
  void givenConnectSettings_whenLoaded_thenReturnUrlsAreAListAndTheLinkTtlADuration() throws Exception {
    ServerConfig c = ServerConfig.load(Optional.of(file("connect:\n  return-urls: [\"https://crm.example.com/app/\","
        + " \"http://127.0.0.1:9000/\"]\n  link-ttl: 2h\n")), Map.of(), Map.of());
    assertThat(c.connectReturnUrls()).extracting(java.net.URI::toString)
        .containsExactly("https://crm.example.com/app/", "http://127.0.0.1:9000/");
    assertThat(c.connectLinkTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(ServerConfig.defaults().connectReturnUrls()).isEmpty();
    assertThat(ServerConfig.defaults().connectLinkTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void givenAReturnUrlWithAQuery_whenLoaded_thenRefusedNamingTheKey() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(),
        Map.of("MAILTOKEN_SERVER_CONNECT_RETURN_URLS", "https://crm.example.com/?x=1"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("connect.return-urls")
        .hasMessageContaining("MAILTOKEN_SERVER_CONNECT_RETURN_URLS");
  }
}
