package dev.mailtoken.spring;

import dev.mailtoken.mail.MailListener;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.MailerBuilder;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.token.TokenListener;
import dev.mailtoken.token.TokenManager;
import dev.mailtoken.token.TokenManagerBuilder;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Auto-configuration of mailtoken from {@code mailtoken.*} ({@link MailtokenProperties}): a
 * {@link TokenManager} over the encrypted store or the declared accounts, a {@link Mailer}, and a
 * {@link JavaMailSender} that sends through it, so {@code @Autowired JavaMailSender} code works
 * unchanged. Token events are published as application events. Runs when
 * {@code mailtoken.store.url}, {@code mailtoken.accounts} or {@code mailtoken.apps} is set (and
 * {@code mailtoken.enabled} is not false), before Spring Boot's own mail sender, which then backs
 * off. Each bean backs off when the application defines its own of that type; further
 * {@link TokenListener} and {@link MailListener} beans are added to the manager and the mailer.
 * A configuration mistake, or a secret written as a property, stops the startup with a message
 * naming the property to fix.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
    beforeName = {
        "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
        "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration"})
@ConditionalOnProperty(prefix = "mailtoken", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(MailtokenConfiguredCondition.class)
@EnableConfigurationProperties(MailtokenProperties.class)
public class MailtokenAutoConfiguration {

  /** The client that calls the providers' token endpoints (timeouts: mailtoken's defaults). */
  @Bean
  @ConditionalOnMissingBean
  OAuthClient mailtokenOAuthClient() {
    return OAuthClient.builder().build();
  }

  @Bean(destroyMethod = "close")
  MailtokenSetup mailtokenSetup(MailtokenProperties properties, ConfigurableEnvironment environment,
      OAuthClient client, ObjectProvider<SslBundles> sslBundles) {
    InlineSecrets.refuse(environment);
    EnvironmentVariables env = EnvironmentVariables.of(environment);
    SmtpServers smtp = new SmtpServers(properties.smtp(), trust(properties.smtp(), sslBundles));
    return properties.store().url() != null && !properties.store().url().isBlank()
        ? StoredAccounts.setup(properties, env, Clock.systemUTC(), smtp)
        : DeclaredAccounts.setup(properties, env, client, smtp);
  }

  private static Optional<SSLContext> trust(MailtokenProperties.Smtp smtp, ObjectProvider<SslBundles> sslBundles) {
    if (smtp.sslBundle() == null || smtp.sslBundle().isBlank()) {
      return Optional.empty();
    }
    SslBundles bundles = sslBundles.getIfAvailable();
    if (bundles == null) {
      throw new IllegalStateException("mailtoken: mailtoken.smtp.ssl-bundle is " + smtp.sslBundle()
          + " but the application has no SSL bundles (spring.ssl.bundle.*)");
    }
    return Optional.of(bundles.getBundle(smtp.sslBundle()).createSslContext());
  }

  /** The token manager: accounts from the store or the properties, events published to the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  TokenManager mailtokenTokenManager(MailtokenSetup setup, OAuthClient client,
      ApplicationEventPublisher publisher, ObjectProvider<TokenListener> listeners) {
    TokenManagerBuilder b = TokenManager.builder().oauthClient(client);
    setup.configure(b, client);
    listeners.orderedStream().forEach(b::listener);
    b.listener(new TokenEventPublisher(publisher));
    TokenManager manager = b.build();
    setup.registerWith(manager);
    return manager;
  }

  /** The mailer: each account's transport, SMTP connections pooled per account. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Mailer mailtokenMailer(MailtokenSetup setup, TokenManager tokens, ObjectProvider<MailListener> listeners) {
    MailerBuilder b = Mailer.builder().tokenManager(tokens);
    setup.transportsOf(b);
    listeners.orderedStream().forEach(b::listener);
    return b.build();
  }

  /** Spring's mail sender on the mailer; Spring Boot's own (spring.mail.*) backs off. */
  @Bean
  @ConditionalOnMissingBean(MailSender.class)
  JavaMailSender mailtokenJavaMailSender(Mailer mailer, MailtokenProperties properties) {
    return new MailtokenJavaMailSender(mailer, Optional.ofNullable(properties.defaultFrom()));
  }
}
