package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.UntrustedCertificateException;
import dev.mailtoken.testkit.SelfSignedCertificate;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.testsupport.TlsEndpoint;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server certificate the TLS context does not trust (the testkit's self-signed one, as a private
 * CA's would be) is a configuration error naming PKIX, for SMTP and for the HTTP APIs alike, never
 * a transient failure; nothing is sent. Trusted through the transport's TLS context, it works.
 */
class CertificateTrustTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenSmtpServerWithAnUntrustedCertificate_whenSending_thenUntrustedCertificateNamingPkixAndNoAuth() {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(SmtpServer.builder().host(rig.smtp.host()).port(rig.smtp.port()).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "untrusted")))
        .isInstanceOfSatisfying(UntrustedCertificateException.class, e -> {
          assertThat(e.isTransient()).isFalse();
          assertThat(e.server()).isEqualTo(rig.smtp.host() + ":" + rig.smtp.port());
          assertThat(e).hasMessageContaining("PKIX");
        });
    assertThat(rig.smtp.authAttempts()).isEmpty();
  }

  @Test
  void givenImplicitTlsServerWithAnUntrustedCertificate_whenSending_thenUntrustedCertificate() {
    rig = MailRig.gmail(logs, b -> b.tls(dev.mailtoken.testkit.TlsMode.IMPLICIT));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(SmtpServer.builder().host(rig.smtp.host()).port(rig.smtp.port())
        .security(SmtpSecurity.IMPLICIT_TLS).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "untrusted")))
        .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("PKIX");
  }

  @Test
  void givenGmailApiBehindAnUntrustedCertificate_whenSending_thenUntrustedCertificateNotTransient() throws IOException {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    SelfSignedCertificate certificate = SelfSignedCertificate.generate();
    try (TlsEndpoint api = new TlsEndpoint(certificate.serverContext(), "{\"id\":\"m-1\"}")) {
      Mailer mailer = rig.mailer(GmailApi.builder().baseUri(api.uri("")).build());

      assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "api")))
          .isInstanceOfSatisfying(UntrustedCertificateException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e).hasMessageContaining("PKIX").hasMessageContaining(api.uri("").toString());
          });
    }
  }

  @Test
  void givenGmailApiBehindASelfSignedCertificate_whenTheMailerTrustsIt_thenSent() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    SelfSignedCertificate certificate = SelfSignedCertificate.generate();
    try (TlsEndpoint api = new TlsEndpoint(certificate.serverContext(), "{\"id\":\"m-1\"}");
        Mailer mailer = Mailer.builder().tokenManager(rig.tokens).clock(rig.clock)
            .transport(GmailApi.builder().baseUri(api.uri("")).build())
            .httpSslContext(certificate.clientContext()).build()) {

      SendResult result = mailer.send(MailRig.message(alice, "bob@example.org", "api"));

      assertThat(result.transport()).isEqualTo("gmail-api");
    }
  }
}
