package dev.mailtoken.bench.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Many accounts shaped like real ones, for the server benchmarks: Google-style refresh tokens
 * ({@code 1//0…}, 68 characters) that the emulator issued, and 220-character access tokens
 * ({@code ya29.a0…}, the length the issue names). Stores them in a SQLite store in a temporary
 * directory (on {@code /dev/shm} when it exists), or hands them out for a bare {@code TokenManager}.
 */
final class Fleet implements AutoCloseable {
  static final String APP = "bench";
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-client-secret";
  static final String SCOPE = "https://mail.google.com/";
  static final int ACCESS_TOKEN_LENGTH = 220;

  final Path dir;
  final KeyRing keys = KeyRing.generate();
  final ProviderEmulator emulator;
  private final SecureRandom random = new SecureRandom();

  /** @param accessTokenTtl the lifetime of the tokens the emulator issues on refresh */
  Fleet(Clock clock, Duration accessTokenTtl) throws IOException {
    // On tmpfs when there is one: every store write is its own transaction with an fsync, about
    // 25 ms on this VM's disk, which would measure the disk, not the server.
    Path shm = Path.of("/dev/shm");
    dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "mailtoken-bench-")
        : Files.createTempDirectory("mailtoken-bench-");
    emulator = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).accessTokenTtl(accessTokenTtl)
        .accessTokenLength(ACCESS_TOKEN_LENGTH).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUris("http://127.0.0.1/callback").build());
  }

  static String address(int i) {
    return "user" + i + "@example.com";
  }

  /** A random access token of {@link #ACCESS_TOKEN_LENGTH} characters, as the emulator makes them. */
  String accessTokenValue() {
    byte[] b = new byte[ACCESS_TOKEN_LENGTH];
    random.nextBytes(b);
    return ("ya29.a0" + Base64.getUrlEncoder().withoutPadding().encodeToString(b)).substring(0, ACCESS_TOKEN_LENGTH);
  }

  /** A token as the OAuth client would build it from a response: a scope string with bytes of its own. */
  AccessToken accessToken(Instant expiresAt) {
    return new AccessToken(Secret.of(accessTokenValue()), Optional.of(expiresAt),
        Set.of(new String(SCOPE.toCharArray())));
  }

  String issueRefreshToken(int i) {
    return emulator.issueRefreshToken(CLIENT_ID, address(i), List.of(SCOPE));
  }

  String jdbcUrl() {
    return "jdbc:sqlite:" + dir.resolve("mailtoken.db");
  }

  StoredApp app() {
    return new StoredApp(APP, ProviderKind.CUSTOM, Optional.empty(), Optional.empty(), emulator.tokenEndpoint(),
        Optional.of(emulator.authorizationEndpoint()), Optional.of(emulator.revocationEndpoint()), Optional.empty(),
        CLIENT_ID, Optional.of(Secret.of(CLIENT_SECRET)), Optional.of(URI.create("http://127.0.0.1/callback")),
        List.of(SCOPE), Optional.empty(), 587, Optional.empty());
  }

  /**
   * Stores the app and {@code n} accounts with emulator-issued refresh tokens and a stored access
   * token expiring at {@code expiry.apply(i)}; prints progress. Returns how long it took.
   */
  Duration populate(CredentialStore store, int n, IntFunction<Instant> expiry) throws MailtokenException {
    store.addApp(app());
    return populate(store, 0, n, expiry);
  }

  /** Stores accounts {@code from} (inclusive) to {@code to} (exclusive), the app already stored. */
  Duration populate(CredentialStore store, int from, int to, IntFunction<Instant> expiry) throws MailtokenException {
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      store.putAccount(NewAccount.withRefreshToken(address(i), APP, Secret.of(issueRefreshToken(i)), List.of(SCOPE),
          Optional.of(accessToken(expiry.apply(i)))));
      if ((i + 1) % 20_000 == 0) {
        System.out.printf("  stored %,d accounts (%.0f s)%n", i + 1, (System.nanoTime() - start) / 1e9);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  CredentialStore openStore(Clock clock) throws MailtokenException {
    return CredentialStore.open(jdbcUrl(), keys, clock);
  }

  @Override
  public void close() throws IOException {
    emulator.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
