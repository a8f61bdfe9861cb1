package dev.mailtoken.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.SmtpEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

/**
 * {@link SpringBootSend} started as its {@code main} starts it, with its {@code application.yml},
 * against the Google-like provider emulator and its SMTP emulator (STARTTLS) on loopback. The
 * secrets are in the application's environment only; the emulators' addresses are command-line
 * properties.
 */
class SpringBootSendTest {
  private static final String CLIENT_ID = "spring-example-app";
  private static final String CLIENT_SECRET = "spring-example-client-secret-5c1e";
  private static final String ALICE = "alice@gmail.com";

  @RegisterExtension final LogCapture logs = new LogCapture();

  @TempDir Path dir;
  private ProviderEmulator provider;
  private SmtpEmulator smtp;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startEmulators() {
    provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).build().start();
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    smtp = SmtpEmulator.builder(provider).start();
    logs.forbid(CLIENT_SECRET).forbidAll(provider::issuedSecrets);
    env.put("MAILTOKEN_CLIENT_ID", CLIENT_ID);
    env.put("MAILTOKEN_CLIENT_SECRET", CLIENT_SECRET);
  }

  @AfterEach
  void stopEmulators() {
    smtp.close();
    provider.close();
  }

  @Test
  void givenAGmailRefreshTokenInTheEnvironment_whenTheApplicationRuns_thenTheSmtpEmulatorReceivedItWithXoauth2()
      throws Exception {
    env.put("MAILTOKEN_REFRESH_TOKEN", provider.issueRefreshToken(CLIENT_ID, ALICE, List.of("https://mail.google.com/")));

    run("--example.from=" + ALICE, "--example.to=bob@example.org");

    assertThat(smtp.messages()).singleElement().satisfies(m -> {
      assertThat(m.mechanism()).isEqualTo("XOAUTH2");
      assertThat(m.authenticatedUser()).isEqualTo(ALICE);
      assertThat(m.recipients()).containsExactly("bob@example.org");
      assertThat(new String(m.data(), StandardCharsets.UTF_8)).contains("Subject: Hello from mailtoken and Spring Boot");
    });
    assertThat(logs.text()).as("the application's log was captured (and is checked for secrets after the test)")
        .contains("sent as " + ALICE + " to bob@example.org");
  }

  @Test
  void givenNoRefreshTokenVariable_whenTheApplicationStarts_thenItStopsNamingTheVariableAndSendsNothing() {
    assertThatThrownBy(() -> run("--example.from=" + ALICE, "--example.to=bob@example.org"))
        .rootCause().hasMessageContaining("MAILTOKEN_REFRESH_TOKEN");
    assertThat(smtp.messages()).isEmpty();
  }

  @Test
  void givenNoRecipient_whenTheApplicationStarts_thenItStopsNamingTheOption() {
    env.put("MAILTOKEN_REFRESH_TOKEN", provider.issueRefreshToken(CLIENT_ID, ALICE, List.of("https://mail.google.com/")));

    assertThatThrownBy(() -> run("--example.from=" + ALICE))
        .rootCause().hasMessageContaining("--example.to=");
    assertThat(smtp.messages()).isEmpty();
  }

  /** Runs the application as main does, with {@link #env} as its environment, pointed at the emulators. */
  private void run(String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--mailtoken.apps.gmail.token-endpoint=" + provider.tokenEndpoint(),
        "--mailtoken.apps.gmail.smtp-host=" + smtp.host(), "--mailtoken.apps.gmail.smtp-port=" + smtp.port(),
        "--spring.ssl.bundle.pem.emulator.truststore.certificate=file:" + smtpCertificate(),
        "--mailtoken.smtp.ssl-bundle=emulator"));
    SpringApplication application = new SpringApplication(SpringBootSend.class);
    application.addInitializers(new TestEnvironment(env));
    application.run(all.toArray(String[]::new)).close();
  }

  private Path smtpCertificate() throws Exception {
    Path pem = dir.resolve("smtp-emulator.pem");
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(smtp.certificate().getEncoded());
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    return pem;
  }
}
