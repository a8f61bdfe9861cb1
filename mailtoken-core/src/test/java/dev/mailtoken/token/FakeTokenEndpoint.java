package dev.mailtoken.token;

import dev.mailtoken.oauth.App;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.ServiceAccountKey;
import dev.mailtoken.oauth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A recording token endpoint: counts calls, remembers the refresh tokens presented, answers by script. */
final class FakeTokenEndpoint implements TokenEndpoint {

  /** How the fake answers its n-th call (1-based). */
  @FunctionalInterface
  interface Responder {
    TokenResponse answer(int call, Secret refreshToken) throws MailtokenException;
  }

  private final Clock clock;
  final AtomicInteger calls = new AtomicInteger();
  final List<Secret> presented = new CopyOnWriteArrayList<>();
  /** The scopes of each refresh, in call order (empty: the grant's own). */
  final List<List<String>> scopesAsked = new CopyOnWriteArrayList<>();
  volatile Responder responder;

  FakeTokenEndpoint(Clock clock) {
    this.clock = clock;
    this.responder = (n, rt) -> response("ya29.access-" + n, Duration.ofHours(1), null);
  }

  /** A response issued now by the test clock. */
  TokenResponse response(String accessToken, Duration ttl, String newRefreshToken) {
    return new TokenResponse(Secret.of(accessToken), "Bearer", Optional.of(ttl), Set.of("https://mail.google.com/"),
        Optional.ofNullable(newRefreshToken).map(Secret::of), Optional.empty(), clock.instant());
  }

  @Override
  public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account)
      throws MailtokenException {
    int n = calls.incrementAndGet();
    presented.add(refreshToken);
    scopesAsked.add(List.copyOf(scopes));
    return responder.answer(n, refreshToken);
  }

  @Override
  public TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes) throws MailtokenException {
    return responder.answer(calls.incrementAndGet(), null);
  }
}
