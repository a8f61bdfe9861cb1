package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.micrometer.MailerMetrics;
import dev.mailtoken.micrometer.TokenMetrics;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.TokenEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a Spring Boot 3.5 application: the same properties give a JavaMailSender that
 * sends through the SMTP emulator, token events arrive as application events, failures map to
 * Spring's exceptions, and Actuator's registry gets the token and send meters. The health indicator
 * uses Spring Boot 4's health API, so it is absent here.
 */
@SpringBootTest(classes = {TestApplication.class, SpringBoot3Test.Events.class})
@ContextConfiguration(initializers = SpringBoot3Test.Environment.class)
@DirtiesContext
class SpringBoot3Test {
  static final String ALICE = "alice@example.com";
  static final String BOB = "bob@example.com";
  static final Emulators EMULATORS = Emulators.start(tempDir());
  static final String ALICE_REFRESH_TOKEN = EMULATORS.refreshToken(ALICE);
  static final String BOB_REFRESH_TOKEN = revoked(EMULATORS.refreshToken(BOB));

  @RegisterExtension final LogCapture logs = new LogCapture();

  @Autowired JavaMailSender mailSender;
  @Autowired Events events;
  @Autowired ApplicationContext context;

  static class Environment extends SystemEnvironment {
    Environment() {
      super(Map.of("TEST_ALICE_REFRESH_TOKEN", ALICE_REFRESH_TOKEN, "TEST_BOB_REFRESH_TOKEN", BOB_REFRESH_TOKEN,
          Emulators.CLIENT_SECRET_VARIABLE, Emulators.CLIENT_SECRET));
    }
  }

  @TestConfiguration
  static class Events {
    final List<TokenEvent> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(TokenEvent event) {
      received.add(event);
    }

    @Bean
    Events events() {
      return this;
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EMULATORS.appProperties().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("mailtoken.accounts[0].address", () -> ALICE);
    registry.add("mailtoken.accounts[0].refresh-token-env", () -> "TEST_ALICE_REFRESH_TOKEN");
    registry.add("mailtoken.accounts[1].address", () -> BOB);
    registry.add("mailtoken.accounts[1].refresh-token-env", () -> "TEST_BOB_REFRESH_TOKEN");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("mailtoken-boot3");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String revoked(String refreshToken) {
    EMULATORS.provider.revoke(refreshToken);
    return refreshToken;
  }

  @AfterAll
  static void stop() {
    EMULATORS.close();
  }

  @BeforeEach
  void forbidSecrets() {
    logs.forbid(ALICE_REFRESH_TOKEN, BOB_REFRESH_TOKEN, Emulators.CLIENT_SECRET)
        .forbidAll(EMULATORS.provider::issuedSecrets);
  }

  @Test
  void givenSpringBoot35_whenTheInjectedJavaMailSenderSends_thenTheMessageArrivesAndAnIssuedEventIsPublished() {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(ALICE);
    message.setTo("bob@example.org");
    message.setSubject("From Boot 3");
    message.setText("Sent on Spring Boot 3.5.");

    mailSender.send(message);

    assertThat(EMULATORS.smtp.messages()).filteredOn(m -> m.text().contains("Subject: From Boot 3"))
        .singleElement().extracting(ReceivedMessage::authenticatedUser).isEqualTo(ALICE);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.received)
        .anySatisfy(e -> assertThat(e).isInstanceOf(TokenEvent.Issued.class)));
  }

  @Test
  void givenSpringBoot35_whenSendingAsADeadAccount_thenMailAuthenticationExceptionKeepsTheCause() {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(BOB);
    message.setTo("alice@example.com");
    message.setText("as a dead account");

    assertThatThrownBy(() -> mailSender.send(message))
        .isInstanceOf(MailAuthenticationException.class)
        .hasCauseInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void givenSpringBoot35WithActuator_whenTheJavaMailSenderSends_thenTheMailerMetricsCountTheSendByApp() {
    MeterRegistry registry = context.getBean(MeterRegistry.class);
    double before = successfulSends(registry);
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(ALICE);
    message.setTo("bob@example.org");
    message.setText("counted on Spring Boot 3.5");

    mailSender.send(message);

    assertThat(successfulSends(registry)).isEqualTo(before + 1);
    assertThat(context.getBean(TokenMetrics.class).toString()).contains("watching=true");
  }

  private static double successfulSends(MeterRegistry registry) {
    return registry.find(MailerMetrics.SENDS).tags("provider", "google", "app", "gmail", "outcome", "success")
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  @Test
  void givenSpringBoot35_whenTheContextStarts_thenTheBoot4HealthIndicatorIsLeftOut() {
    assertThat(context.containsBean("mailtokenHealthIndicator")).isFalse();
    assertThat(context.getBeansOfType(JavaMailSender.class)).hasSize(1);
  }
}
