package dev.mailtoken.bench.server;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.server.account.AccountEventListener;
import dev.mailtoken.server.account.Accounts;
import dev.mailtoken.server.account.RefreshSettings;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Heap per account in a bare {@code TokenManager} (library use: refresh-token grants, each seeded
 * with a 220-character access token): the growth of the live heap, class by class
 * ({@code GC.class_histogram} after full GCs), from the empty manager to the one holding every
 * account, divided by the number of accounts. The token strings (the access token's value and the
 * refresh token's) are counted exactly from their lengths and subtracted. The server's figure
 * comes from {@link RefreshFleet}, which reports the same way. Issue 11 target: at most 512 B per
 * account beyond the token strings.
 *
 * <p>Usage: {@code java -Xmx2g -cp bench/target/benchmarks.jar dev.mailtoken.bench.server.HeapPerAccount
 * [accounts]}
 */
public final class HeapPerAccount {
  static final long TARGET = 512;

  private HeapPerAccount() {
  }

  public static void main(String[] args) throws Exception {
    manager(args.length > 0 ? Integer.parseInt(args[0]) : 100_000);
  }

  /** A bare TokenManager with n refresh-token accounts, each seeded with a 220-character access token. */
  static void manager(int n) throws Exception {
    Clock clock = Clock.systemUTC();
    try (Fleet fleet = new Fleet(clock, Duration.ofHours(1));
        TokenManager manager = TokenManager.builder().clock(clock)
            .oauthClient(OAuthClient.builder().clock(clock).build()).build()) {
      App app = App.builder()
          .provider(OAuthProvider.google().toBuilder().tokenEndpoint(fleet.emulator.tokenEndpoint()).build())
          .clientId(Fleet.CLIENT_ID).clientSecret(Secret.of(Fleet.CLIENT_SECRET)).scopes(Fleet.SCOPE)
          .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).build();
      String[] refreshTokens = new String[n];   // issued before the baseline: the emulator keeps them too
      for (int i = 0; i < n; i++) {
        refreshTokens[i] = fleet.issueRefreshToken(i);
      }
      int refreshLength = refreshTokens[0].length();
      HeapHistogram before = HeapHistogram.take();
      Instant now = clock.instant();
      for (int i = 0; i < n; i++) {
        // The manager's copy of the refresh token: a String with bytes of its own, as a store would
        // decrypt it (new String(String) would share the emulator's bytes, which are not counted).
        Account account = new Account(Fleet.address(i),
            new RefreshTokenGrant(app, Secret.of(new String(refreshTokens[i].toCharArray()))));
        manager.register(account, fleet.accessToken(now.plus(Duration.ofMinutes(50 + i % 10))));
      }
      HeapHistogram after = HeapHistogram.take();
      long tokenStrings = HeapHistogram.latin1StringBytes(Fleet.ACCESS_TOKEN_LENGTH)
          + HeapHistogram.latin1StringBytes(refreshLength);
      report("bare TokenManager (refresh-token grants, library use)", n, before, after, tokenStrings,
          "access token " + Fleet.ACCESS_TOKEN_LENGTH + " chars + refresh token " + refreshLength + " chars");
      if (manager.accounts().size() != n) {
        throw new IllegalStateException("expected " + n + " accounts, the manager has " + manager.accounts().size());
      }
    }
  }

  static void report(String what, int n, HeapHistogram before, HeapHistogram after, long tokenStrings,
      String tokens) {
    List<HeapHistogram.Row> growth = before.growthTo(after);
    long total = after.totalBytes() - before.totalBytes();
    double perAccount = (double) total / n;
    double beyond = perAccount - tokenStrings;
    System.out.printf("%n== %s, %,d accounts%n", what, n);
    HeapHistogram.print(growth, n);
    System.out.printf("RESULT %s: %.0f B per account in all; token strings %d B (%s);"
        + " beyond them %.0f B (target <= %d B: %s)%n", what, perAccount, tokenStrings, tokens, beyond, TARGET,
        beyond <= TARGET ? "met" : "missed");
  }
}
