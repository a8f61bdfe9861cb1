package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.micrometer.MailerMetrics;
import dev.mailtoken.micrometer.TokenMetrics;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With Actuator's metrics in the application, a send through the injected JavaMailSender is
 * counted by the meters the starter registers: the mailer's send, the token manager's refresh at
 * the provider emulator, and the account in the accounts-by-health gauge; tagged by the app's
 * provider and name, never by address.
 */
@SpringBootTest(classes = TestApplication.class)
@ContextConfiguration(initializers = MetricsTest.Environment.class)
@DirtiesContext
class MetricsTest {
  static final String CAROL = "carol@example.com";
  static final Emulators EMULATORS = Emulators.start(tempDir());
  static final String CAROL_REFRESH_TOKEN = EMULATORS.refreshToken(CAROL);

  @RegisterExtension final LogCapture logs = new LogCapture();

  @Autowired JavaMailSender mailSender;
  @Autowired MeterRegistry registry;

  static class Environment extends SystemEnvironment {
    Environment() {
      super(Map.of("TEST_CAROL_REFRESH_TOKEN", CAROL_REFRESH_TOKEN,
          Emulators.CLIENT_SECRET_VARIABLE, Emulators.CLIENT_SECRET));
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EMULATORS.appProperties().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("mailtoken.accounts[0].address", () -> CAROL);
    registry.add("mailtoken.accounts[0].refresh-token-env", () -> "TEST_CAROL_REFRESH_TOKEN");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("mailtoken-spring-metrics");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    EMULATORS.close();
  }

  @BeforeEach
  void forbidSecrets() {
    logs.forbid(CAROL_REFRESH_TOKEN, Emulators.CLIENT_SECRET).forbidAll(EMULATORS.provider::issuedSecrets);
  }

  @Test
  void givenActuatorMetrics_whenAMessageIsSentThroughTheJavaMailSender_thenSendRefreshAndAccountAreCountedByApp() {
    SimpleMailMessage m = new SimpleMailMessage();
    m.setFrom(CAROL);
    m.setTo("dan@example.org");
    m.setText("counted");

    mailSender.send(m);

    assertThat(EMULATORS.smtp.messages()).hasSize(1);
    assertThat(registry.get(MailerMetrics.SENDS).tags("provider", "google", "app", "gmail", "transport", "smtp",
        "outcome", "success", "error", "none").counter().count()).isEqualTo(1);
    long tokenRequests = EMULATORS.provider.requestCount(Endpoint.TOKEN);
    assertThat(tokenRequests).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.get(TokenMetrics.REFRESHES)
        .tags("provider", "google", "app", "gmail", "outcome", "success").counter().count()).isEqualTo(tokenRequests));
    assertThat(registry.get(TokenMetrics.ACCOUNTS).tag("health", "healthy").gauge().value()).isEqualTo(1);
    assertThat(mailtokenTagValues()).isNotEmpty().allSatisfy(v -> {
      assertThat(v).doesNotContain("@");
      EMULATORS.provider.issuedSecrets().forEach(s -> assertThat(v).doesNotContain(s));
    });
  }

  private List<String> mailtokenTagValues() {
    List<String> values = new ArrayList<>();
    for (Meter meter : registry.getMeters()) {
      if (meter.getId().getName().startsWith("mailtoken.")) {
        meter.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
      }
    }
    return values;
  }
}
