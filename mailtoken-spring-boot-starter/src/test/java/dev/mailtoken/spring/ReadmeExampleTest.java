package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.token.TokenManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;

/** The README's first application.yml, as written there, starts an application (no request is sent at startup). */
class ReadmeExampleTest {

  private static String firstYamlBlock() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("```yaml\n");
    assertThat(start).as("a yaml block in README.md").isNotNegative();
    int end = readme.indexOf("```", start + 8);
    return readme.substring(start + 8, end);
  }

  @Test
  void givenTheReadmesDeclaredAccountsYaml_whenTheApplicationStarts_thenAliceIsRegisteredAndAJavaMailSenderExists()
      throws IOException {
    List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("README.md",
        new ByteArrayResource(firstYamlBlock().getBytes(StandardCharsets.UTF_8)));

    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MailtokenAutoConfiguration.class))
        .withInitializer(context -> yaml.forEach(context.getEnvironment().getPropertySources()::addFirst))
        .withInitializer(new SystemEnvironment(Map.of("GMAIL_CLIENT_SECRET", "readme-client-secret",
            "ALICE_REFRESH_TOKEN", "readme-refresh-token")))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(TokenManager.class).accounts()).containsExactly("alice@example.com");
          assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(MailtokenJavaMailSender.class);
          assertThat(context.getBean(MailtokenProperties.class).defaultFrom()).isEqualTo("alice@example.com");
        });
  }
}
