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

/** The webhooks.* and metrics.* settings, and the README's configuration table. */
class WebhookAndMetricsConfigTest {
  @TempDir
  Path dir;

  @Test
  void givenNothing_whenLoaded_thenHttpsOnlyWebhooks24hTtl10sTimeoutAndClosedMetrics() throws Exception {
    ServerConfig c = ServerConfig.load(Optional.empty(), Map.of(), Map.of());

    assertThat(c.webhooks()).isEqualTo(new ServerConfig.Webhooks(false, Duration.ofHours(24), Duration.ofSeconds(10)));
    assertThat(c.metricsOpenOnLoopback()).isFalse();
  }

  @Test
  void givenTheFileAndTheEnvironment_whenLoaded_thenNestedKeysAndVariablesAreRead() throws Exception {
    Path f = dir.resolve("mailtoken.yaml");
    Files.writeString(f, "webhooks:\n  allow-plain-http: true\n  retry-ttl: 2h\nmetrics:\n  open-on-loopback: true\n");

    ServerConfig c = ServerConfig.load(Optional.of(f), Map.of("MAILTOKEN_SERVER_WEBHOOKS_TIMEOUT", "3s"), Map.of());

    assertThat(c.webhooks()).isEqualTo(new ServerConfig.Webhooks(true, Duration.ofHours(2), Duration.ofSeconds(3)));
    assertThat(c.metricsOpenOnLoopback()).isTrue();
  }

  @Test
  void givenANonBooleanOrAZeroDuration_whenLoaded_thenTheKeyItsOriginAndTheExpectedFormAreNamed() {
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(),
        Map.of("MAILTOKEN_SERVER_METRICS_OPEN_ON_LOOPBACK", "yes"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("metrics.open-on-loopback")
        .hasMessageContaining("MAILTOKEN_SERVER_METRICS_OPEN_ON_LOOPBACK")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("webhooks.retry-ttl", "0s")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("webhooks.retry-ttl")
        .hasMessageContaining("above zero");
  }

  @Test
  void givenEveryConfigKey_whenTheReadmeIsRead_thenItHasARowWithTheKeyVariableAndDefault() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfigKey k : ConfigKey.values()) {
      String def = k.defaultValue().isEmpty() ? "—" : "`" + k.defaultValue() + "`";
      assertThat(readme).as("README row of " + k.key())
          .containsPattern("\\| `" + java.util.regex.Pattern.quote(k.key()) + "` \\| `" + k.envVariable()
              + "` \\| [^|]+ \\| " + java.util.regex.Pattern.quote(def) + " \\|");
    }
  }
}
