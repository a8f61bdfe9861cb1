package dev.mailtoken.examples.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Spring Boot: the application sends one message with the {@link JavaMailSender} that
 * mailtoken-spring-boot-starter configures from {@code application.yml} — a Gmail account whose
 * refresh token and client secret come from the environment, SMTP with XOAUTH2 — and exits.
 * Ordinary {@code JavaMailSender} code; nothing in it knows about OAuth2.
 *
 * <pre>
 * MAILTOKEN_CLIENT_ID=… MAILTOKEN_CLIENT_SECRET=… MAILTOKEN_REFRESH_TOKEN=… \
 *   java -cp … dev.mailtoken.examples.spring.SpringBootSend \
 *     --example.from=you@gmail.com --example.to=friend@example.com
 * </pre>
 *
 * <p>Any {@code mailtoken.*} or {@code spring.*} property may be given as {@code --name=value} too
 * (the test points {@code mailtoken.apps.gmail.token-endpoint} and {@code smtp-host} at the emulators
 * that way). A missing variable or option stops the startup with a message naming it.
 */
@SpringBootApplication
@EnableConfigurationProperties(ExampleMessage.class)
public class SpringBootSend {
  private static final Logger log = LoggerFactory.getLogger(SpringBootSend.class);

  public static void main(String[] args) {
    // The runner below sends during startup; closing the context then closes the mailer's connections.
    SpringApplication.run(SpringBootSend.class, args).close();
  }

  @Bean
  ApplicationRunner sendOnce(JavaMailSender mailSender, ExampleMessage message) {
    return args -> {
      SimpleMailMessage m = new SimpleMailMessage();
      m.setFrom(message.from());   // the mailtoken account it is sent as
      m.setTo(message.to());
      m.setSubject(message.subject());
      m.setText("Sent by a Spring Boot application through the JavaMailSender mailtoken configured.");
      mailSender.send(m);   // a rejected token is renewed once and the send retried
      log.info("sent as {} to {}", message.from(), message.to());
    };
  }
}
