package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.token.TokenManager;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The mail builders: each option once, incompatible options refused by build(), variants by toBuilder(). */
class BuilderConventionTest {

  @Test
  void givenSmtpPortSet_whenSetAgain_thenFailsNamingTheOption() {
    SmtpServerBuilder b = SmtpServer.builder().host("smtp.example.com").port(587);

    assertThatThrownBy(() -> b.port(2525)).isInstanceOf(IllegalStateException.class)
        .hasMessage("port was already set on this SmtpServer builder");
  }

  @Test
  void givenAProvidersServer_whenDerivingWithToBuilder_thenOnlyTheReplacedOptionDiffers() throws Exception {
    SmtpServer google = SmtpServer.forProvider(OAuthProvider.google());
    SSLContext trust = SSLContext.getInstance("TLS");
    trust.init(null, null, null);

    SmtpServer derived = google.toBuilder().sslContext(trust).poolSize(5).build();

    assertThat(derived.host()).isEqualTo(google.host());
    assertThat(derived.port()).isEqualTo(google.port());
    assertThat(derived.security()).isEqualTo(google.security());
    assertThat(derived.mechanism()).isEqualTo(google.mechanism());
    assertThat(derived.poolSize()).isEqualTo(5);
    assertThat(google.poolSize()).isEqualTo(3);
    assertThat(derived.sslContext()).containsSame(trust);
    assertThat(google.sslContext()).isEmpty();
  }

  @Test
  void givenAToBuilderValueReplacedOnce_whenReplacedAgain_thenFailsNamingTheOption() {
    SmtpServerBuilder b = SmtpServer.forProvider(OAuthProvider.google()).toBuilder().poolSize(4);

    assertThatThrownBy(() -> b.poolSize(5)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("poolSize was already set");
  }

  @Test
  void givenADefaultPort_whenTheDerivedServerChangesTheSecurity_thenThePortFollowsIt() {
    SmtpServer starttls = SmtpServer.builder().host("smtp.example.com").build();

    SmtpServer implicit = starttls.toBuilder().security(SmtpSecurity.IMPLICIT_TLS).build();

    assertThat(starttls.port()).isEqualTo(587);
    assertThat(implicit.port()).isEqualTo(465);
  }

  @Test
  void givenPlaintextAuthWithStarttls_whenBuilding_thenRefusedWithASentence() {
    SmtpServerBuilder b = SmtpServer.builder().host("127.0.0.1").allowPlaintextAuth(true);

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("allowPlaintextAuth(true) applies only to security(SmtpSecurity.NONE)");
  }

  @Test
  void givenAnSslContextWithoutTls_whenBuilding_thenRefusedWithASentence() throws Exception {
    SmtpServerBuilder b = SmtpServer.builder().host("127.0.0.1").security(SmtpSecurity.NONE)
        .sslContext(SSLContext.getInstance("TLS"));

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sslContext applies only to a server with TLS");
  }

  @Test
  void givenAnAccountsTransportSet_whenSetAgainForThatAccount_thenFailsNamingTheAccount() {
    MailerBuilder b = Mailer.builder().transport("alice@example.com", GmailApi.google());

    assertThatThrownBy(() -> b.transport("alice@example.com", GraphApi.microsoft()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the transport of alice@example.com was already set on this Mailer builder");
  }

  @Test
  void givenTwoAccountsTransports_whenBuilding_thenEachAccountHasItsOwn() {
    try (TokenManager tokens = TokenManager.builder().build();
         Mailer mailer = Mailer.builder().tokenManager(tokens).transport("alice@example.com", GmailApi.google())
             .transport("bob@example.com", GraphApi.microsoft()).build()) {
      assertThatThrownBy(() -> mailer.send(Envelope.of("carol@example.com", "x@example.org"), new byte[] {'x'}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transport for account carol");
    }
  }

  @Test
  void givenMailerOptionsSetTwice_whenSetAgain_thenEachFailsNamingItself() {
    MailerBuilder b = Mailer.builder().transport(GmailApi.google()).clock(Clock.systemUTC())
        .httpTimeout(Duration.ofSeconds(5));

    assertThatThrownBy(() -> b.transport(GraphApi.microsoft())).hasMessageContaining("transport was already set");
    assertThatThrownBy(() -> b.clock(Clock.systemUTC())).hasMessageContaining("clock was already set");
    assertThatThrownBy(() -> b.httpTimeout(Duration.ofSeconds(6))).hasMessageContaining("httpTimeout was already set");
  }

  @Test
  void givenGraphForDelegatedTokens_whenDerivingAnAppOnlyVariant_thenTheBaseUriIsKept() {
    GraphApi delegated = GraphApi.builder().baseUri(URI.create("http://127.0.0.1:1")).build();

    GraphApi appOnly = delegated.toBuilder().perUserPath(true).build();

    assertThat(appOnly.baseUri()).isEqualTo(delegated.baseUri());
    assertThat(appOnly.toString()).contains("/users/{account}");
    assertThat(delegated.toString()).contains("/me");
  }

  @Test
  void givenARelativeBaseUri_whenSet_thenRefusedAtOnce() {
    assertThatThrownBy(() -> GmailApi.builder().baseUri(URI.create("/gmail"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute http(s) URI");
  }
}
