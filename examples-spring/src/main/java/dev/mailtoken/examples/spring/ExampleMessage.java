package dev.mailtoken.examples.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message {@link SpringBootSend} sends, from the {@code example.*} properties
 * ({@code --example.from=…} on the command line). An immutable value; the constructor throws
 * {@link IllegalArgumentException} naming the option when {@code from} or {@code to} is missing.
 *
 * @param from the sending account, also declared in {@code mailtoken.accounts}
 * @param to the recipient
 * @param subject the subject line
 */
@ConfigurationProperties("example")
public record ExampleMessage(String from, String to, @DefaultValue("Hello from mailtoken and Spring Boot") String subject) {
  public ExampleMessage {
    require("from", from, "you@gmail.com");
    require("to", to, "friend@example.com");
  }

  private static void require(String name, String value, String sample) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("example." + name + " is not set: run with --example." + name + "=" + sample);
    }
  }
}
