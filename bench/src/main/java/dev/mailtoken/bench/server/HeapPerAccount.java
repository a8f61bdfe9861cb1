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
 * Heap per account: what one registered account costs, beyond its token strings, in a bare
 * {@code TokenManager} (library use: refresh-token grants, seeded with a 220-character access
 * token) and in the server's accounts feature (one {@code TokenManager} per node seeded from the
 * store). Measured as the growth of the live heap, class by class ({@code GC.class_histogram}
 * after full GCs), from the empty manager (or the constructed, not yet started, facade) to the
 * one holding every account, divided by the number of accounts. The token strings (the access
 * token's value, and the refresh token's where the manager holds it) are counted exactly from
 * their lengths and subtracted. Issue 11 target: at most 512 B per account beyond them.
 *
 * <p>Usage: {@code java -Xmx2g -cp bench/target/benchmarks.jar dev.mailtoken.bench.server.HeapPerAccount
 * [manager|server|both] [accounts]}
 */
public final class HeapPerAccount {
  static final long TARGET = 512;

  private HeapPerAccount() {
  }

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "both";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    if (which.equals("manager") || which.equals("both")) {
      manager(n);
    }
    if (which.equals("server") || which.equals("both")) {
      server(n);
    }
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
        // The manager's copy of the refresh token: a String of its own, as a store would decrypt it.
        Account account = new Account(Fleet.address(i), new RefreshTokenGrant(app, Secret.of(new String(refreshTokens[i]))));
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

  /** The server's accounts feature over a SQLite store of n accounts, started (seeded from the store). */
  static void server(int n) throws Exception {
    Clock clock = Clock.systemUTC();
    try (Fleet fleet = new Fleet(clock, Duration.ofHours(1));
        CredentialStore store = fleet.openStore(clock)) {
      Instant now = clock.instant();
      System.out.printf("storing %,d accounts in %s%n", n, fleet.jdbcUrl());
      Duration took = fleet.populate(store, n, i -> now.plus(Duration.ofMinutes(50 + i % 10)));
      System.out.printf("  stored in %.0f s%n", took.toMillis() / 1e3);
      ServerDatabase db = ServerDatabase.open(store);
      AuditLog audit = new AuditLog(db, clock);
      OAuthClient client = OAuthClient.builder().clock(clock).build();
      try (Accounts accounts = new Accounts(store, db, client, audit,
          new RefreshSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), 5, 8), clock, Optional.empty(),
          List.of(AccountEventListener.NONE))) {
        HeapHistogram before = HeapHistogram.take();
        int registered = accounts.start();
        HeapHistogram after = HeapHistogram.take();
        if (registered != n) {
          throw new IllegalStateException("expected " + n + " accounts registered, got " + registered);
        }
        report("server accounts feature (Accounts over SQLite, seeded from the store)", n, before, after,
            HeapHistogram.latin1StringBytes(Fleet.ACCESS_TOKEN_LENGTH),
            "access token " + Fleet.ACCESS_TOKEN_LENGTH + " chars (the refresh token stays in the store)");
      }
      audit.close();
    }
  }

  private static void report(String what, int n, HeapHistogram before, HeapHistogram after, long tokenStrings,
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
