package dev.mailtoken.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Configuration mistakes stop the application at startup with a message naming the property to
 * fix; a secret written as a property is refused and never repeated. No emulator is needed: the
 * context fails before anything is sent.
 */
class StartupRefusalTest {
  private static final String INLINE_TOKEN = "1//0gInlineRefreshTokenThatMustNotBeEchoed";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MailtokenAutoConfiguration.class))
      .withPropertyValues("mailtoken.apps.gmail.provider=google", "mailtoken.apps.gmail.client-id=client-1",
          "mailtoken.accounts[0].address=alice@example.com", "mailtoken.accounts[0].app=gmail");

  @Test
  void givenAnInlineRefreshToken_whenTheApplicationStarts_thenItIsRefusedNamingThePropertyButNotTheValue() {
    runner.withPropertyValues("mailtoken.accounts[0].refresh-token=" + INLINE_TOKEN).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("mailtoken.accounts[0].refresh-token")
          .hasMessageContaining("mailtoken.accounts[0].refresh-token-env")
          .hasMessageContaining("environment variable");
      assertThat(stackText(context.getStartupFailure())).doesNotContain(INLINE_TOKEN);
    });
  }

  @Test
  void givenAnInlineRefreshTokenInCamelCase_whenTheApplicationStarts_thenItIsRefusedToo() {
    runner.withPropertyValues("mailtoken.accounts[0].refreshToken=" + INLINE_TOKEN).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("refresh-token");
    });
  }

  @Test
  void givenAnInlineClientSecret_whenTheApplicationStarts_thenItIsRefusedPointingAtClientSecretEnv() {
    runner.withPropertyValues("mailtoken.apps.gmail.client-secret=GOCSPX-inline-secret").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("mailtoken.apps.gmail.client-secret")
          .hasMessageContaining("mailtoken.apps.gmail.client-secret-env");
      assertThat(stackText(context.getStartupFailure())).doesNotContain("GOCSPX-inline-secret");
    });
  }

  @Test
  void givenARefreshTokenVariableThatIsNotSet_whenTheApplicationStarts_thenTheMessageNamesTheVariable() {
    runner.withPropertyValues("mailtoken.accounts[0].refresh-token-env=MAILTOKEN_TEST_UNSET_VARIABLE_42")
        .withInitializer(new SystemEnvironment(Map.of()))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .hasMessageContaining("environment variable MAILTOKEN_TEST_UNSET_VARIABLE_42")
              .hasMessageContaining("mailtoken.accounts[0].refresh-token-env")
              .hasMessageContaining("alice@example.com");
        });
  }

  @Test
  void givenARefreshTokenGivenOnlyAsAnApplicationProperty_whenTheVariableIsRead_thenItIsNotTakenFromThere() {
    runner.withPropertyValues("mailtoken.accounts[0].refresh-token-env=ALICE_TOKEN", "ALICE_TOKEN=" + INLINE_TOKEN)
        .withInitializer(new SystemEnvironment(Map.of()))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("environment variable ALICE_TOKEN");
        });
  }

  @Test
  void givenAnAccountWithoutRefreshTokenEnv_whenTheApplicationStarts_thenTheMessageSaysWhatToSet() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("mailtoken.accounts[0].refresh-token-env is not set");
    });
  }

  @Test
  void givenAnAccountNamingAnUnknownApp_whenTheApplicationStarts_thenTheMessageListsTheKnownApps() {
    runner.withPropertyValues("mailtoken.accounts[0].app=outlook", "mailtoken.accounts[0].refresh-token-env=X")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .hasMessageContaining("mailtoken.accounts[0].app names outlook")
              .hasMessageContaining("[gmail]");
        });
  }

  @Test
  void givenAStoreAndDeclaredAccounts_whenTheApplicationStarts_thenItAsksToChooseOne() {
    runner.withPropertyValues("mailtoken.store.url=jdbc:sqlite:/nonexistent/mailtoken.db").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("use one of them");
    });
  }

  @Test
  void givenNoMailtokenProperties_whenTheApplicationStarts_thenMailtokenStaysOutOfTheWay() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailtokenAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(JavaMailSender.class);
        });
  }

  @Test
  void givenMailtokenDisabled_whenTheApplicationStarts_thenNothingIsConfiguredEvenWithInlineSecrets() {
    runner.withPropertyValues("mailtoken.enabled=false", "mailtoken.accounts[0].refresh-token=" + INLINE_TOKEN)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(JavaMailSender.class);
        });
  }

  private static String stackText(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
