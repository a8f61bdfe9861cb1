package dev.mailtoken.bench;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a refresh costs on top of the HTTP round trip: a bare {@code HttpClient} POST of the same
 * refresh form to the same emulator (baseline), {@code OAuthClient.refresh} (form, auth, parse,
 * classify), and a forced {@code TokenManager.renew} (adds single-flight, state, events).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class RefreshOverheadBenchmark {
  private static final String ACCOUNT = Emulated.USER;

  private Emulated emulated;
  private HttpClient http;
  private HttpRequest bareRequest;
  private OAuthClient client;
  private TokenManager manager;
  private Secret refreshToken;

  @Setup(Level.Trial)
  public void setUp() throws MailtokenException {
    Clock clock = Clock.systemUTC();
    emulated = new Emulated(clock);
    refreshToken = Secret.of(emulated.refreshToken);
    http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String form = "grant_type=refresh_token"
        + "&refresh_token=" + URLEncoder.encode(emulated.refreshToken, StandardCharsets.UTF_8)
        + "&client_id=" + Emulated.CLIENT_ID
        + "&client_secret=" + Emulated.CLIENT_SECRET;
    bareRequest = HttpRequest.newBuilder(emulated.emulator.tokenEndpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    client = emulated.client(clock);
    manager = TokenManager.builder().clock(clock).oauthClient(client).build();
    manager.register(new Account(ACCOUNT, new RefreshTokenGrant(emulated.app, refreshToken)));
    manager.token(ACCOUNT);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
    emulated.close();
  }

  @Benchmark
  public String baselineBareHttpClientPost() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(bareRequest, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("emulator answered " + response.statusCode());
    }
    return response.body();
  }

  @Benchmark
  public TokenResponse oauthClientRefresh() throws MailtokenException {
    return client.refresh(emulated.app, refreshToken, List.of());
  }

  @Benchmark
  public AccessToken tokenManagerForcedRenew() throws MailtokenException {
    AccessToken current = manager.token(ACCOUNT);
    return manager.renew(ACCOUNT, current);
  }
}
