package dev.mailtoken.bench;

import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SmtpSecurity;
import dev.mailtoken.mail.SmtpServer;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mailtoken leg of {@link PooledSendBenchmark}: a {@link Mailer} with a pool of 5 connections
 * for one account, whose token comes from a {@link TokenManager}. The account's grant is a
 * callback returning the sink's token with a one-hour lifetime, so the send path exercises the
 * real cache lookup per message while the token endpoint is out of the picture (the sink knows
 * one token). Thread-safe.
 */
final class MailtokenLeg implements AutoCloseable {

  private final AtomicLong tokenRequests = new AtomicLong();
  private final Session session = Session.getInstance(new Properties());
  private TokenManager tokens;
  private Mailer mailer;

  void start(int port, String token) {
    Clock clock = Clock.systemUTC();
    tokens = TokenManager.builder().clock(clock).build();
    tokens.register(new Account(PooledSendBenchmark.USER, new CallbackGrant((account, renew) -> {
      tokenRequests.incrementAndGet();
      return AccessToken.of(token, clock.instant().plus(Duration.ofHours(1)));
    })));
    mailer = Mailer.builder()
        .tokenManager(tokens)
        .transport(SmtpServer.builder()
            .host("127.0.0.1")
            .port(port)
            .security(SmtpSecurity.NONE)
            .allowPlaintextAuth(true)
            .poolSize(PooledSendBenchmark.CONNECTIONS)
            .build())
        .clock(clock)
        .build();
  }

  void send(int i) throws Exception {
    mailer.send(PooledSendBenchmark.message(session, i), PooledSendBenchmark.USER);
  }

  long tokenRequests() {
    return tokenRequests.get();
  }

  @Override
  public void close() {
    if (mailer != null) {
      mailer.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }
}
