package dev.mailtoken.mail;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.ProviderEmulatorBuilder;
import dev.mailtoken.testkit.SmtpEmulator;
import dev.mailtoken.testkit.SmtpEmulatorBuilder;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testkit.TlsMode;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.FixedTokenGrant;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.Scheduler;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A provider emulator, an SMTP emulator and a token manager on one test clock. Background
 * refresh never runs (the scheduler drops tasks): every refresh in a test is one it caused.
 * {@link #close()} closes them and every mailer made by {@link #mailer}.
 */
final class MailRig implements AutoCloseable {
  static final String CLIENT_ID = "mail-test-app";
  static final String CLIENT_SECRET = "mail-test-client-secret-42";
  static final String GMAIL_SCOPE = "https://mail.google.com/";
  static final String EXCHANGE_SCOPE = "https://outlook.office.com/SMTP.Send";

  final TestClock clock = TestClock.at(Instant.parse("2031-05-17T09:13:27.123Z"));
  final ProviderEmulator provider;
  final SmtpEmulator smtp;
  final TokenManager tokens;
  private final App app;
  private final List<Mailer> mailers = new CopyOnWriteArrayList<>();

  private MailRig(EmulatorMode mode, UnaryOperator<SmtpEmulatorBuilder> smtpOptions, LogCapture logs) {
    this(mode, b -> b, smtpOptions, logs);
  }

  private MailRig(EmulatorMode mode, UnaryOperator<ProviderEmulatorBuilder> providerOptions,
      UnaryOperator<SmtpEmulatorBuilder> smtpOptions, LogCapture logs) {
    provider = providerOptions.apply(ProviderEmulator.builder().mode(mode).clock(clock)).build().start();
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    smtp = smtpOptions.apply(SmtpEmulator.builder(provider)).start();
    logs.forbid(CLIENT_SECRET).forbidAll(provider::issuedSecrets);
    OAuthProvider p = OAuthProvider.builder().name(mode.name().toLowerCase()).tokenEndpoint(provider.tokenEndpoint())
        .rotatesRefreshTokens(mode == EmulatorMode.MICROSOFT).build();
    app = App.builder().provider(p).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(List.of(scope())).build();
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10)).build();
    Scheduler never = (task, delay) -> () -> { };
    tokens = TokenManager.builder().clock(clock).scheduler(never).oauthClient(client).build();
  }

  static MailRig gmail(LogCapture logs) {
    return new MailRig(EmulatorMode.GOOGLE, b -> b, logs);
  }

  static MailRig gmail(LogCapture logs, UnaryOperator<SmtpEmulatorBuilder> smtpOptions) {
    return new MailRig(EmulatorMode.GOOGLE, smtpOptions, logs);
  }

  /** Gmail-style servers whose provider issues access tokens of at least {@code tokenLength} characters. */
  static MailRig gmailWithLongTokens(LogCapture logs, int tokenLength) {
    return new MailRig(EmulatorMode.GOOGLE, b -> b.accessTokenLength(tokenLength), b -> b, logs);
  }

  static MailRig exchange(LogCapture logs) {
    return new MailRig(EmulatorMode.MICROSOFT, b -> b, logs);
  }

  static MailRig exchange(LogCapture logs, UnaryOperator<SmtpEmulatorBuilder> smtpOptions) {
    return new MailRig(EmulatorMode.MICROSOFT, smtpOptions, logs);
  }

  /** The app every account of this rig is registered with. */
  App app() {
    return app;
  }

  String scope() {
    return provider.mode() == EmulatorMode.MICROSOFT ? EXCHANGE_SCOPE : GMAIL_SCOPE;
  }

  /** Registers {@code user} with a refresh token for the mail scope; returns the address. */
  String account(String user) {
    return account(user, List.of(scope()));
  }

  String account(String user, List<String> scopes) {
    Secret rt = Secret.of(provider.issueRefreshToken(CLIENT_ID, user, scopes));
    tokens.register(new Account(user, new RefreshTokenGrant(app, rt)));
    return user;
  }

  /** Registers {@code user} with a fixed (not renewable) token valid for an hour; returns the token. */
  String accountWithFixedToken(String user) {
    String token = provider.issueAccessToken(CLIENT_ID, user, List.of(scope()));
    tokens.register(new Account(user, new FixedTokenGrant(AccessToken.of(token, clock.instant().plus(Duration.ofHours(1))))));
    return token;
  }

  /** Registers {@code user} with a fixed (not renewable) token that the provider has already revoked. */
  void accountWithRevokedFixedToken(String user) {
    String token = provider.issueAccessToken(CLIENT_ID, user, List.of(scope()));
    provider.revoke(token);
    tokens.register(new Account(user, new FixedTokenGrant(AccessToken.of(token, clock.instant().plus(Duration.ofHours(1))))));
  }

  /** An SmtpServer pointed at the SMTP emulator, trusting its certificate. */
  SmtpServerBuilder server() {
    SmtpSecurity security = smtp.tlsMode() == TlsMode.IMPLICIT ? SmtpSecurity.IMPLICIT_TLS
        : smtp.tlsMode() == TlsMode.STARTTLS ? SmtpSecurity.STARTTLS : SmtpSecurity.NONE;
    SmtpServerBuilder b = SmtpServer.builder().host(smtp.host()).port(smtp.port()).security(security);
    return security == SmtpSecurity.NONE ? b : b.sslContext(smtp.clientSslContext());
  }

  /** A mailer on this rig's token manager and clock, with these listeners; {@link #close()} closes it. */
  Mailer mailer(MailTransport transport, MailListener... listeners) {
    MailerBuilder b = Mailer.builder().tokenManager(tokens).transport(transport).clock(clock);
    for (MailListener l : listeners) {
      b.listener(l);
    }
    Mailer mailer = b.build();
    mailers.add(mailer);
    return mailer;
  }

  static MimeMessage message(String from, String to, String subject) {
    try {
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
      m.setFrom(new InternetAddress(from));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
      m.setSubject(subject);
      m.setText("Hello from mailtoken: " + subject);
      return m;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    mailers.forEach(Mailer::close);
    tokens.close();
    smtp.close();
    provider.close();
  }
}
