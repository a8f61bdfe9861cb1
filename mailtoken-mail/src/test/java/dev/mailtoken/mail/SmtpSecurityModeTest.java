package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.TlsMode;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server reached in the other TLS mode fails fast, naming the mode to use: implicit TLS on a port
 * that is not 465 reached as plain text gets no greeting within the greeting timeout (not the 60 s
 * read timeout), and a STARTTLS server reached with a TLS handshake answers in plain text.
 */
class SmtpSecurityModeTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenImplicitTlsServerOnAnotherPortThan465_whenReachedWithStarttls_thenMismatchWithinTheGreetingTimeout() {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.IMPLICIT));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(SmtpServer.builder().host(rig.smtp.host()).port(rig.smtp.port())
        .security(SmtpSecurity.STARTTLS).sslContext(rig.smtp.clientSslContext())
        .greetingTimeout(Duration.ofMillis(400)).build());
    int tokenRequests = rig.provider.requests(Endpoint.TOKEN).size();
    long start = System.nanoTime();

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "wrong mode")))
        .isInstanceOfSatisfying(SmtpSecurityMismatchException.class, e -> {
          assertThat(e.security()).isEqualTo(SmtpSecurity.STARTTLS);
          assertThat(e.suggested()).isEqualTo(SmtpSecurity.IMPLICIT_TLS);
          assertThat(e.isTransient()).isFalse();
          assertThat(e).hasMessageContaining("no greeting within 400 ms").hasMessageContaining("implicit TLS");
        });

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(rig.smtp.authAttempts()).isEmpty();
    assertThat(rig.smtp.messages()).isEmpty();
    assertThat(rig.provider.requests(Endpoint.TOKEN)).hasSize(tokenRequests + 1);
  }

  @Test
  void givenStarttlsServer_whenReachedWithImplicitTls_thenMismatchSuggestingStarttls() {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.STARTTLS));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(SmtpServer.builder().host(rig.smtp.host()).port(rig.smtp.port())
        .security(SmtpSecurity.IMPLICIT_TLS).sslContext(rig.smtp.clientSslContext()).build());
    long start = System.nanoTime();

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "wrong mode")))
        .isInstanceOfSatisfying(SmtpSecurityMismatchException.class, e -> {
          assertThat(e.security()).isEqualTo(SmtpSecurity.IMPLICIT_TLS);
          assertThat(e.suggested()).isEqualTo(SmtpSecurity.STARTTLS);
          assertThat(e).hasMessageContaining("answered in plain text").hasMessageContaining("STARTTLS");
        });

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(rig.smtp.authAttempts()).isEmpty();
  }

  @Test
  void givenImplicitTlsServerOnAnotherPort_whenReachedWithImplicitTls_thenTheMessageArrives() throws Exception {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.IMPLICIT));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().greetingTimeout(Duration.ofMillis(400)).build());

    mailer.send(MailRig.message(alice, "bob@example.org", "right mode"));

    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenSlowButGreetingServer_whenRepliesAfterTheGreetingTakeLongerThanTheGreetingTimeout_thenTheReadTimeoutApplies()
      throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().greetingTimeout(Duration.ofMillis(1500)).build());
    rig.smtp.faults().slowReplies(Duration.ofMillis(200));

    mailer.send(MailRig.message(alice, "bob@example.org", "slow but fine"));

    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenOnlyPort465_whenBuilt_thenImplicitTlsAndOtherPortsStarttls() {
    assertThat(SmtpServer.builder().host("smtp.example.org").port(465).build().security())
        .isEqualTo(SmtpSecurity.IMPLICIT_TLS);
    assertThat(SmtpServer.builder().host("smtp.example.org").port(2465).build().security())
        .isEqualTo(SmtpSecurity.STARTTLS);
    assertThat(SmtpServer.builder().host("smtp.example.org").port(2465).security(SmtpSecurity.IMPLICIT_TLS).build()
        .port()).isEqualTo(2465);
  }
}
