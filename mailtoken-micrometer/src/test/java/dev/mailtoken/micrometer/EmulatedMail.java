package dev.mailtoken.micrometer;

import dev.mailtoken.Secret;
import dev.mailtoken.mail.MailListener;
import dev.mailtoken.mail.MailTransport;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SmtpSecurity;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.SmtpEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider emulator and an SMTP emulator (STARTTLS) on loopback, a {@link TokenManager} with the
 * real OAuth client against the first, and {@link Mailer}s against the second, on one test clock.
 * Background refresh never runs: every token request is one a send caused. Close it after the test.
 */
final class EmulatedMail implements AutoCloseable {
  static final String CLIENT_ID = "mail-metrics-client";
  static final String CLIENT_SECRET = "mail-metrics-client-secret-0077";

  final TestClock clock = TestClock.at(Instant.parse("2031-06-02T08:01:02.345Z"));
  final ProviderEmulator provider;
  final SmtpEmulator smtp;
  final TokenManager tokens;
  final List<String> addresses = new ArrayList<>();
  private final App app;
  private final List<Mailer> mailers = new ArrayList<>();

  EmulatedMail(EmulatorMode mode) {
    provider = ProviderEmulator.builder().mode(mode).clock(clock).build().start();
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    smtp = SmtpEmulator.builder(provider).start();
    OAuthProvider p = OAuthProvider.builder().name(mode.name().toLowerCase()).tokenEndpoint(provider.tokenEndpoint())
        .rotatesRefreshTokens(mode == EmulatorMode.MICROSOFT).build();
    app = App.builder().provider(p).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(List.of(scope())).build();
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10)).build();
    tokens = TokenManager.builder().clock(clock).oauthClient(client).scheduler((task, delay) -> () -> { }).build();
  }

  String scope() {
    return provider.mode() == EmulatorMode.MICROSOFT ? "https://outlook.office.com/SMTP.Send" : "https://mail.google.com/";
  }

  /** Registers {@code address} with a refresh token for {@code scopes}. */
  String add(String address, List<String> scopes) {
    Secret rt = Secret.of(provider.issueRefreshToken(CLIENT_ID, address, scopes));
    tokens.register(new Account(address, new RefreshTokenGrant(app, rt)));
    addresses.add(address);
    return address;
  }

  String add(String address) {
    return add(address, List.of(scope()));
  }

  /**
   * Registers {@code address} with tokens for {@code scope} whose first is revoked at once, so the
   * server rejects it; the renewal takes {@code renewal} by the test clock.
   */
  String addWithStaleFirstToken(String address, String scope, Duration renewal) {
    AtomicInteger minted = new AtomicInteger();
    tokens.register(new Account(address, new CallbackGrant((account, renew) -> {
      if (renew) {
        clock.advance(renewal);
      }
      String token = provider.issueAccessToken(CLIENT_ID, account, List.of(scope));
      if (minted.incrementAndGet() == 1) {
        provider.revoke(token);
      }
      return AccessToken.of(token, clock.instant().plus(Duration.ofHours(1)));
    })));
    addresses.add(address);
    return address;
  }

  /** The SMTP emulator as a transport, trusting its certificate. */
  SmtpServer smtpServer() {
    return SmtpServer.builder().host(smtp.host()).port(smtp.port()).security(SmtpSecurity.STARTTLS)
        .sslContext(smtp.clientSslContext()).build();
  }

  /** A mailer on this token manager and clock with {@code listener}; closed by {@link #close()}. */
  Mailer mailer(MailTransport transport, MailListener listener) {
    Mailer m = Mailer.builder().tokenManager(tokens).transport(transport).clock(clock).listener(listener).build();
    mailers.add(m);
    return m;
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
