package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jar carries what IDEs complete properties from (the configuration processor's
 * META-INF/spring-configuration-metadata.json, with descriptions) and the auto-configuration
 * imports that Spring Boot loads.
 */
class ConfigurationMetadataTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void givenTheBuiltJar_whenItsConfigurationMetadataIsRead_thenEveryPropertyIsListedWithADescription()
      throws IOException {
    JsonNode metadata = new ObjectMapper().readTree(resource("META-INF/spring-configuration-metadata.json"));
    Map<String, JsonNode> properties = new HashMap<>();
    metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));

    assertThat(properties).containsKeys("mailtoken.enabled", "mailtoken.default-from", "mailtoken.store.url",
        "mailtoken.store.connect-timeout", "mailtoken.store.lock-wait", "mailtoken.apps", "mailtoken.accounts",
        "mailtoken.smtp.security", "mailtoken.smtp.allow-plaintext-auth", "mailtoken.smtp.ssl-bundle",
        "mailtoken.smtp.mechanism", "mailtoken.smtp.pool-size", "mailtoken.smtp.idle-timeout",
        "mailtoken.smtp.connect-timeout", "mailtoken.smtp.read-timeout", "mailtoken.smtp.pipelining");
    assertThat(properties.values()).allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
    assertThat(properties.get("mailtoken.smtp.pool-size").path("defaultValue").asInt()).isEqualTo(3);
    assertThat(properties.get("mailtoken.accounts").path("type").asText())
        .isEqualTo("java.util.List<dev.mailtoken.spring.MailtokenProperties$Account>");
    assertThat(properties).as("no property takes a secret").doesNotContainKeys("mailtoken.store.key",
        "mailtoken.store.secret");
  }

  @Test
  void givenTheBuiltJar_whenTheAutoConfigurationImportsAreRead_thenEveryConfigurationIsListed() throws IOException {
    String imports = resource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");

    assertThat(imports.lines()).containsExactly(MailtokenAutoConfiguration.class.getName(),
        MailtokenHealthAutoConfiguration.class.getName(), MailtokenMetricsAutoConfiguration.class.getName());
  }
}
