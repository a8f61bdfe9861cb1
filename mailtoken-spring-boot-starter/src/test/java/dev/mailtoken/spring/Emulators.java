package dev.mailtoken.spring;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.SmtpEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Google-style provider emulator and its SMTP emulator (STARTTLS, self-signed certificate) on
 * loopback, with one confidential client, and the {@code mailtoken.*} properties that point an
 * application at them. Close it after the test.
 */
final class Emulators implements AutoCloseable {
  static final String CLIENT_ID = "spring-test-app";
  static final String CLIENT_SECRET = "spring-test-client-secret-7731";
  static final String CLIENT_SECRET_VARIABLE = "TEST_GMAIL_CLIENT_SECRET";
  static final String SCOPE = "https://mail.google.com/";

  final ProviderEmulator provider;
  final SmtpEmulator smtp;
  final Path certificate;

  private Emulators(Path dir) {
    provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).build().start();
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    smtp = SmtpEmulator.builder(provider).start();
    certificate = dir.resolve("smtp-emulator.pem");
    writePem(certificate);
  }

  /** Starts both emulators; the SMTP certificate is written as PEM into {@code dir}. */
  static Emulators start(Path dir) {
    return new Emulators(dir);
  }

  private void writePem(Path file) {
    try {
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
              smtp.certificate().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A refresh token for {@code user}, as the consent flow would have produced. */
  String refreshToken(String user) {
    return provider.issueRefreshToken(CLIENT_ID, user, List.of(SCOPE));
  }

  /**
   * The app {@code gmail} (provider google, pointed at the emulators), SMTP trusting the emulator's
   * certificate through the SSL bundle {@code emulator}.
   */
  Map<String, Object> appProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mailtoken.apps.gmail.provider", "google");
    p.put("mailtoken.apps.gmail.client-id", CLIENT_ID);
    p.put("mailtoken.apps.gmail.client-secret-env", CLIENT_SECRET_VARIABLE);
    p.put("mailtoken.apps.gmail.token-endpoint", provider.tokenEndpoint().toString());
    p.put("mailtoken.apps.gmail.smtp-host", smtp.host());
    p.put("mailtoken.apps.gmail.smtp-port", String.valueOf(smtp.port()));
    p.putAll(trustProperties());
    return p;
  }

  /** The SSL bundle {@code emulator} holding the SMTP emulator's certificate, used by mailtoken.smtp. */
  Map<String, Object> trustProperties() {
    return Map.of("spring.ssl.bundle.pem.emulator.truststore.certificate", "file:" + certificate,
        "mailtoken.smtp.ssl-bundle", "emulator");
  }

  /** {@code name=value} lines for ApplicationContextRunner.withPropertyValues. */
  static String[] asPairs(Map<String, Object> properties) {
    return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  @Override
  public void close() {
    smtp.close();
    provider.close();
  }
}
