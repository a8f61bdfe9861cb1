package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.TokenEvent;
import jakarta.mail.internet.MimeMessage;
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
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application configured by mailtoken.* properties sends through the SMTP emulator
 * with the JavaMailSender it had injected, refreshing at the provider emulator; the refresh token
 * and client secret come from (test) environment variables.
 */
@SpringBootTest(classes = {TestApplication.class, JavaMailSenderTest.Events.class})
@ContextConfiguration(initializers = JavaMailSenderTest.Environment.class)
@DirtiesContext
class JavaMailSenderTest {
  static final String ALICE = "alice@example.com";
  static final Emulators EMULATORS = Emulators.start(tempDir());
  static final String ALICE_REFRESH_TOKEN = EMULATORS.refreshToken(ALICE);
  /** An account whose grant the provider revoked: its first refresh gets invalid_grant. */
  static final String BOB = "bob@example.com";
  static final String BOB_REFRESH_TOKEN = revoked(EMULATORS.refreshToken(BOB));

  @RegisterExtension final LogCapture logs = new LogCapture();

  @Autowired JavaMailSender mailSender;
  @Autowired Events events;
  @Autowired HealthEndpoint health;

  static class Environment extends SystemEnvironment {
    Environment() {
      super(Map.of("TEST_ALICE_REFRESH_TOKEN", ALICE_REFRESH_TOKEN, "TEST_BOB_REFRESH_TOKEN", BOB_REFRESH_TOKEN,
          Emulators.CLIENT_SECRET_VARIABLE, Emulators.CLIENT_SECRET));
    }
  }

  /** Records the token events the application receives. */
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
    registry.add("mailtoken.accounts[0].app", () -> "gmail");
    registry.add("mailtoken.accounts[0].refresh-token-env", () -> "TEST_ALICE_REFRESH_TOKEN");
    registry.add("mailtoken.accounts[1].address", () -> BOB);
    registry.add("mailtoken.accounts[1].refresh-token-env", () -> "TEST_BOB_REFRESH_TOKEN");
    registry.add("management.endpoint.health.show-details", () -> "always");
  }

  private static String revoked(String refreshToken) {
    EMULATORS.provider.revoke(refreshToken);
    return refreshToken;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("mailtoken-spring");
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
    logs.forbid(ALICE_REFRESH_TOKEN, Emulators.CLIENT_SECRET).forbidAll(EMULATORS.provider::issuedSecrets);
  }

  @Test
  void givenTheInjectedJavaMailSender_whenASimpleMailMessageIsSent_thenTheSmtpEmulatorReceivesItAsTheAccount() {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(ALICE);
    message.setTo("bob@example.org");
    message.setSubject("From Spring");
    message.setText("Sent with JavaMailSender through mailtoken.");

    mailSender.send(message);

    assertThat(EMULATORS.smtp.messages()).filteredOn(m -> m.text().contains("Subject: From Spring"))
        .singleElement().satisfies(m -> {
          assertThat(m.authenticatedUser()).isEqualTo(ALICE);
          assertThat(m.recipients()).containsExactly("bob@example.org");
        });
  }

  @Test
  void givenAMimeMessagePreparator_whenSent_thenTheHelperBuiltMessageArrives() {
    mailSender.send(mime -> {
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(ALICE);
      helper.setTo("carol@example.net");
      helper.setSubject("Prepared");
      helper.setText("<p>HTML body</p>", true);
    });

    assertThat(EMULATORS.smtp.messages()).extracting(ReceivedMessage::text)
        .anySatisfy(text -> assertThat(text).contains("Subject: Prepared").contains("<p>HTML body</p>"));
  }

  @Test
  void givenCreateMimeMessage_whenTheMessageIsSent_thenItArrives() throws Exception {
    MimeMessage mime = mailSender.createMimeMessage();
    mime.setFrom(ALICE);
    mime.setRecipients(jakarta.mail.Message.RecipientType.TO, "dave@example.org");
    mime.setSubject("Created");
    mime.setText("plain");

    mailSender.send(mime);

    assertThat(EMULATORS.smtp.messages()).flatExtracting(ReceivedMessage::recipients).contains("dave@example.org");
  }

  @Test
  void givenTheFirstSend_whenTheTokenIsRefreshed_thenTheApplicationReceivesAnIssuedEvent() {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(ALICE);
    message.setTo("erin@example.org");
    message.setText("refresh");

    mailSender.send(message);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.received)
        .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TokenEvent.Issued.class,
            issued -> assertThat(issued.account()).isEqualTo(ALICE))));
  }

  @Test
  void givenARecipientTheServerRefuses_whenSending_thenMailSendExceptionMapsTheMessageToItsCause() {
    EMULATORS.smtp.rejectRecipient("nobody@example.org");
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(ALICE);
    message.setTo("nobody@example.org");
    message.setText("refused");

    assertThatThrownBy(() -> mailSender.send(message))
        .isInstanceOfSatisfying(MailSendException.class, e -> {
          assertThat(e.getFailedMessages()).containsOnlyKeys(message);
          assertThat(e.getFailedMessages().get(message))
              .isInstanceOf(dev.mailtoken.mail.RecipientRejectedException.class);
          assertThat(e.getCause()).isSameAs(e.getFailedMessages().get(message));
        });
  }

  @Test
  void givenAMessageWithoutFromAndNoDefault_whenSending_thenMailSendExceptionSaysSo() {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setTo("bob@example.org");
    message.setText("from nobody");

    assertThatThrownBy(() -> mailSender.send(message))
        .isInstanceOf(MailSendException.class)
        .hasMessageContaining("no From address");
  }

  @Test
  void givenAnAccountWhoseGrantIsDead_whenSending_thenMailAuthenticationExceptionAndHealthNamesTheAccount() {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(BOB);
    message.setTo("alice@example.com");
    message.setText("as a dead account");

    assertThatThrownBy(() -> mailSender.send(message))
        .isInstanceOf(MailAuthenticationException.class)
        .hasCauseInstanceOf(dev.mailtoken.ReauthorizationRequiredException.class);

    assertThat(health.healthForPath("mailtoken")).isInstanceOfSatisfying(IndicatedHealthDescriptor.class, h -> {
      assertThat(h.getStatus()).isEqualTo(Status.DOWN);
      assertThat(h.getDetails()).containsEntry("reauthorizationRequired", List.of(BOB));
      assertThat(h.getDetails().get("accounts")).isEqualTo(Map.of(ALICE, "healthy", BOB, "reauthorization_required"));
      assertThat(h.getDetails().toString()).doesNotContain(BOB_REFRESH_TOKEN);
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.received)
        .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TokenEvent.ReauthorizationRequired.class,
            dead -> assertThat(dead.account()).isEqualTo(BOB))));
  }
}
