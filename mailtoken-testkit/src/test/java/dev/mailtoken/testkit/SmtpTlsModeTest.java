package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** Implicit TLS, no TLS, and the generated certificate. */
class SmtpTlsModeTest {
  private static final String USER = "alice@example.com";

  @Test
  void givenImplicitTls_whenConnectedWithTls_thenGreetingAndAuthOfferedAtOnce() {
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).tls(TlsMode.IMPLICIT).start();
        SmtpWire wire = SmtpWire.implicitTls(smtp)) {
      assertThat(wire.reply()).startsWith("220 smtp.gmail.com ESMTP");
      assertThat(wire.send("EHLO client.example")).contains("250-AUTH LOGIN PLAIN XOAUTH2").doesNotContain("STARTTLS");
      String token = provider.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).isEqualTo("235 2.7.0 Accepted");
    }
  }

  @Test
  void givenImplicitTls_whenClientSpeaksPlainText_thenNoGreeting() {
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).tls(TlsMode.IMPLICIT).start();
        SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.write("EHLO client.example");

      assertThat(wire.reply()).doesNotStartWith("220");
    }
  }

  @Test
  void givenNoTls_whenEhlo_thenAuthOfferedInTheClearAndStartTlsRefused() {
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).tls(TlsMode.NONE).start();
        SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();

      assertThat(wire.send("EHLO client.example")).contains("250-AUTH LOGIN PLAIN XOAUTH2").doesNotContain("STARTTLS");
      assertThat(wire.send("STARTTLS")).startsWith("502 5.5.1");
      String token = provider.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      assertThat(wire.send("AUTH XOAUTH2 " + SmtpWire.xoauth2(USER, token))).isEqualTo("235 2.7.0 Accepted");
    }
  }

  @Test
  void givenDefaultTrust_whenStartTls_thenHandshakeFails() throws Exception {
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start();
        SmtpWire wire = SmtpWire.plain(smtp)) {
      wire.reply();
      wire.send("EHLO client.example");
      wire.send("STARTTLS");

      SSLContext defaults = SSLContext.getDefault();
      assertThatThrownBy(() -> wire.upgrade(defaults)).hasCauseInstanceOf(
          javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void givenEmulator_whenStarted_thenCertificateIsSelfSignedForLoopback() throws Exception {
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {
      smtp.certificate().verify(smtp.certificate().getPublicKey());
      assertThat(smtp.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
      assertThat(smtp.certificate().getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
          .containsExactly("localhost", "127.0.0.1");
    }
  }

  @Test
  void givenGmailStyle_whenDisableSmtpAuth_thenIllegalState() {
    try (ProviderEmulator provider = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {
      assertThatThrownBy(() -> smtp.disableSmtpAuth(USER)).isInstanceOf(IllegalStateException.class);
    }
  }
}
