package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.micrometer.MailerMetrics;
import dev.mailtoken.micrometer.TokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * When the starter registers the meters: Micrometer on the class path and a registry in the context;
 * Spring Boot's meter filter by name prefix turns them off.
 */
class MetricsConditionsTest {
  @TempDir Path dir;
  private Emulators emulators;
  private ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    emulators = Emulators.start(dir);
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MailtokenAutoConfiguration.class,
            MailtokenMetricsAutoConfiguration.class))
        .withInitializer(new SystemEnvironment(Map.of("TEST_ERIN_REFRESH_TOKEN", emulators.refreshToken("erin@example.com"),
            Emulators.CLIENT_SECRET_VARIABLE, Emulators.CLIENT_SECRET)))
        .withPropertyValues(Emulators.asPairs(emulators.appProperties()))
        .withPropertyValues("mailtoken.accounts[0].address=erin@example.com",
            "mailtoken.accounts[0].refresh-token-env=TEST_ERIN_REFRESH_TOKEN");
  }

  @AfterEach
  void stop() {
    emulators.close();
  }

  @Test
  void givenAMeterRegistry_whenTheApplicationStarts_thenBothBindersAreBeans() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasSingleBean(TokenMetrics.class).hasSingleBean(MailerMetrics.class);
      assertThat(context.getBean(TokenMetrics.class).toString()).contains("watching=true");
    });
  }

  @Test
  void givenActuatorMetricsWithTheMailtokenPrefixDisabled_whenAMessageIsSent_thenNoMailtokenMeterExists()
      throws Exception {
    runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
        .withPropertyValues("management.metrics.enable.mailtoken=false")
        .run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          SimpleMailMessage m = new SimpleMailMessage();
          m.setFrom("erin@example.com");
          m.setTo("frank@example.org");
          m.setText("not counted");

          context.getBean(JavaMailSender.class).send(m);

          assertThat(emulators.smtp.messages()).hasSize(1);
          assertThat(context).hasSingleBean(MailerMetrics.class);
          assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("mailtoken."));
        });
  }

  @Test
  void givenMicrometerWithoutARegistry_whenTheApplicationStarts_thenNoBinderIsMade() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(JavaMailSender.class);
      assertThat(context).doesNotHaveBean(TokenMetrics.class).doesNotHaveBean(MailerMetrics.class);
    });
  }

  @Test
  void givenNoMicrometerOnTheClassPath_whenTheApplicationStarts_thenTheMailSenderStillWorksWithoutMeters() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(JavaMailSender.class);
      assertThat(context).doesNotHaveBean("mailtokenTokenMetrics").doesNotHaveBean("mailtokenMailerMetrics");
    });
  }
}
