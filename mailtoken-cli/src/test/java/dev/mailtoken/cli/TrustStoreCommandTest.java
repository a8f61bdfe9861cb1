package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send} to an SMTP server whose certificate the JVM does not trust (the emulator's
 * self-signed one, as a private CA's would be): a configuration error (exit 5) naming PKIX and the
 * trust-store option, not "try again later"; trusted through {@code MAILTOKEN_TRUST_STORE} (PEM) or
 * {@code --trust-store} (PKCS12).
 */
class TrustStoreCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
    cli.withDesktopApp(cli.smtpArgs());
    cli.authorize();
    cli.withoutSmtpTrust();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenUntrustedSmtpCertificate_whenSending_thenConfigurationErrorNamingPkixAndTheTrustStore() {
    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("PKIX", "is not trusted", "--trust-store", "MAILTOKEN_TRUST_STORE")
        .doesNotContain("try again later");
    assertThat(cli.smtp().authAttempts()).isEmpty();
  }

  @Test
  void givenTheCertificateAsPemInTheVariable_whenSending_thenSent() throws Exception {
    Path pem = home.resolve("ca.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(
        StandardCharsets.US_ASCII)).encodeToString(cli.smtp().certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    cli.env.put("MAILTOKEN_TRUST_STORE", pem.toString());

    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenTheCertificateInAPkcs12File_whenSendingWithTrustStore_thenSent() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("emulator", cli.smtp().certificate());
    Path p12 = home.resolve("ca.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, "changeit".toCharArray());
    }

    CliRun r = cli.run("send", "--trust-store", p12.toString(), "--from", CliFixture.USER, "--to",
        "bob@example.net", "--subject", "Trusted", "--text", "hi");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenAMissingTrustStoreFile_whenSending_thenConfigurationErrorNamingTheFile() {
    Path missing = home.resolve("no-such-ca.pem");
    cli.env.put("MAILTOKEN_TRUST_STORE", missing.toString());

    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("cannot read the trust store", missing.toString(), "MAILTOKEN_TRUST_STORE");
    assertThat(cli.smtp().messages()).isEmpty();
  }

  private CliRun send() {
    return cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", "Trusted", "--text",
        "hi");
  }
}
