package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccountHealth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * mailtoken.store.url points the application at an encrypted SQLite store that the CLI would have
 * written (apps, accounts, refresh tokens); the key comes from MAILTOKEN_SECRET. Sending loads the
 * account from the store and refreshes through it.
 */
class StoreBackedConfigurationTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  @TempDir Path dir;
  private Emulators emulators;
  private KeyRing key;
  private String url;
  private String refreshToken;

  @BeforeEach
  void storeWithOneAccount() throws Exception {
    emulators = Emulators.start(dir);
    key = KeyRing.generate();
    url = "jdbc:sqlite:" + dir.resolve("mailtoken.db");
    refreshToken = emulators.refreshToken(ALICE);
    OAuthProvider google = OAuthProvider.google().toBuilder().tokenEndpoint(emulators.provider.tokenEndpoint())
        .smtp(emulators.smtp.host(), emulators.smtp.port()).build();
    App app = App.builder().provider(google).clientId(Emulators.CLIENT_ID)
        .clientSecret(Secret.of(Emulators.CLIENT_SECRET)).build();
    try (CredentialStore store = CredentialStore.open(url, key, Clock.systemUTC())) {
      store.addApp(StoredApp.from("gmail", ProviderKind.GOOGLE, app));
      store.putAccount(NewAccount.withRefreshToken(ALICE, "gmail", Secret.of(refreshToken),
          List.of(Emulators.SCOPE), Optional.empty()));
    }
    logs.forbid(refreshToken, Emulators.CLIENT_SECRET, key.currentKeyBase64().reveal())
        .forbidAll(emulators.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    emulators.close();
  }

  private ApplicationContextRunner application(Map<String, String> environment) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MailtokenAutoConfiguration.class))
        .withInitializer(new SystemEnvironment(environment))
        .withPropertyValues("mailtoken.store.url=" + url)
        .withPropertyValues(Emulators.asPairs(emulators.trustProperties()));
  }

  @Test
  void givenAStoreAndItsKeyInMailtokenSecret_whenTheInjectedJavaMailSenderSends_thenTheStoredAccountRefreshesAndSends() {
    application(Map.of("MAILTOKEN_SECRET", key.currentKeyBase64().reveal(), "MAILTOKEN_HOME", dir.toString()))
        .run(context -> {
          assertThat(context).hasNotFailed();
          SimpleMailMessage message = new SimpleMailMessage();
          message.setFrom(ALICE);
          message.setTo("bob@example.org");
          message.setSubject("From the store");
          message.setText("Sent as a stored account.");

          context.getBean(JavaMailSender.class).send(message);

          assertThat(emulators.smtp.messages()).singleElement()
              .extracting(ReceivedMessage::authenticatedUser).isEqualTo(ALICE);
          assertThat(emulators.provider.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        });
    try (CredentialStore store = CredentialStore.open(url, key, Clock.systemUTC())) {
      assertThat(store.account(ALICE)).hasValueSatisfying(a -> {
        assertThat(a.health()).isEqualTo(AccountHealth.HEALTHY);
        assertThat(a.lastRefresh()).isPresent();
      });
    } catch (dev.mailtoken.MailtokenException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void givenAStoreButAnotherKey_whenTheApplicationStarts_thenItFailsSayingTheKeyDoesNotMatch() {
    application(Map.of("MAILTOKEN_SECRET", KeyRing.generate().currentKeyBase64().reveal(),
        "MAILTOKEN_HOME", dir.toString())).run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .hasMessageContaining("does not match");
          assertThat(context.getStartupFailure()).hasMessageContaining("mailtoken.store.url");
        });
  }

  @Test
  void givenNoKeyAnywhere_whenTheApplicationStarts_thenItFailsWithoutCreatingAKeyFile() {
    application(Map.of("MAILTOKEN_HOME", dir.resolve("empty-home").toString())).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasMessageContaining("mailtoken.store.url");
    });
    assertThat(dir.resolve("empty-home").resolve("secret.key")).doesNotExist();
  }
}
