package dev.mailtoken.spring;

import dev.mailtoken.mail.SmtpSecurity;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.mail.SmtpServerBuilder;
import dev.mailtoken.oauth.OAuthProvider;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Builds each app's {@link SmtpServer} from its provider and {@code mailtoken.smtp.*}. Immutable and thread-safe. */
final class SmtpServers {
  private final MailtokenProperties.Smtp settings;
  private final Optional<SSLContext> trust;

  SmtpServers(MailtokenProperties.Smtp settings, Optional<SSLContext> trust) {
    this.settings = settings;
    this.trust = trust;
  }

  /**
   * The provider's SMTP server with the configured connection settings.
   *
   * @throws IllegalStateException when the provider has no SMTP host, or the settings contradict each other
   */
  SmtpServer forApp(String app, OAuthProvider provider) {
    String host = provider.smtpHost().orElseThrow(() -> new IllegalStateException("mailtoken: app " + app
        + " has no SMTP server: set mailtoken.apps." + app + ".smtp-host (and smtp-port), or send its accounts"
        + " with transport gmail-api or graph"));
    int port = provider.smtpPort();
    SmtpSecurity security = settings.security() != null ? settings.security()
        : port == 465 ? SmtpSecurity.IMPLICIT_TLS : SmtpSecurity.STARTTLS;
    SmtpServerBuilder b = SmtpServer.builder().host(host).port(port).security(security)
        .mechanism(settings.mechanism()).poolSize(settings.poolSize()).idleTimeout(settings.idleTimeout())
        .connectTimeout(settings.connectTimeout()).readTimeout(settings.readTimeout())
        .pipelining(settings.pipelining());
    if (settings.allowPlaintextAuth()) {
      b.allowPlaintextAuth(true);
    }
    if (security != SmtpSecurity.NONE) {
      trust.ifPresent(b::sslContext);
    }
    try {
      return b.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalStateException("mailtoken: the SMTP settings of app " + app + " (mailtoken.smtp.*) do not fit"
          + " together: " + e.getMessage(), e);
    }
  }
}
