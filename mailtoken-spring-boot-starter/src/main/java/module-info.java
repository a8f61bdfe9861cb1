/**
 * mailtoken-spring-boot-starter: Spring Boot auto-configuration for mailtoken ({@code mailtoken.*}
 * properties, a {@code JavaMailSender} that sends through the {@code Mailer}, token events as
 * application events, an Actuator health indicator and Micrometer meters).
 *
 * <p>Open: Spring reads and instantiates the auto-configurations and binds
 * {@code MailtokenProperties} reflectively, and the application's own configuration in this
 * module's packages (tests) is scanned the same way.
 */
// Spring Framework's and Spring Boot's jars (and micrometer-core) are automatic modules, under the
// stable names their manifests declare; javac would warn once per name.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
open module dev.mailtoken.spring {
  requires transitive dev.mailtoken.core;
  requires transitive dev.mailtoken.mail;
  requires transitive dev.mailtoken.store;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.context.support;
  requires spring.beans;
  requires spring.context;
  requires spring.core;
  requires org.slf4j;
  // Optional, as in the pom: the health and metrics configurations run only when the application
  // brings Spring Boot's health module or Micrometer (their conditions name these classes). On the
  // module path the metrics also need dev.mailtoken.micrometer resolved: require it, or
  // --add-modules dev.mailtoken.micrometer.
  requires static spring.boot.health;
  requires static micrometer.core;
  requires static dev.mailtoken.micrometer;

  exports dev.mailtoken.spring;
}
