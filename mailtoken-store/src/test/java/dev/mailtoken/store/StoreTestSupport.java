package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RotationPolicy;
import dev.mailtoken.testkit.ServiceAccountKeyFile;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every store test needs: a provider emulator (generic OAuth2, refresh tokens rotated with
 * reuse detection, so using a stale refresh token kills the grant), a test clock at an odd
 * instant, a key ring, a fresh database from the subclass, and a log check that no secret the
 * emulator issued (nor the client secret or key) is ever logged.
 */
abstract class StoreTestSupport {
  static final Instant START = Instant.parse("2031-05-17T09:13:27.123Z");
  static final String APP = "test-app";
  static final String CLIENT_ID = "store-client";
  static final String CLIENT_SECRET = "client-secret-7Hq2vX9pLm";
  static final List<String> SCOPES = List.of("https://mail.example.com/send");

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  final TestClock clock = TestClock.at(START);
  final KeyRing keys = KeyRing.generate();
  final List<CredentialStore> opened = new CopyOnWriteArrayList<>();
  ProviderEmulator emulator;
  OAuthClient client;
  String url;

  /** A new empty database for this test; called once, on first use. */
  abstract String newDatabaseUrl() throws Exception;

  @BeforeEach
  void startEmulator() {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).rotation(RotationPolicy.ROTATE_REUSE_DETECTION)
        .clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUri("http://127.0.0.1:8765/callback").build());
    logs.forbidAll(emulator::issuedSecrets);
    logs.forbid(CLIENT_SECRET, keys.currentKeyBase64().reveal());
    client = OAuthClient.builder().clock(clock).build();
  }

  @AfterEach
  void closeEverything() {
    opened.forEach(CredentialStore::close);
    emulator.close();
  }

  CredentialStore open() throws MailtokenException {
    return open(keys);
  }

  CredentialStore open(KeyRing ring) throws MailtokenException {
    CredentialStore store = CredentialStore.open(url(), ring, clock);
    opened.add(store);
    return store;
  }

  /**
   * Another "process" with {@code options} whose waits for other processes move the test clock
   * instead of sleeping, so a lock wait passes at once in real time.
   */
  CredentialStore openWaitingOnTheClock(StoreOptions options) throws MailtokenException {
    CredentialStore store = CredentialStore.open(url(), keys, clock, options, clock::advance);
    opened.add(store);
    return store;
  }

  /** An OAuth client that stops waiting after {@code request} but reads answers until {@code completion}. */
  OAuthClient client(Duration request, Duration completion) {
    return OAuthClient.builder().clock(clock).requestTimeout(request).completionTimeout(completion).build();
  }

  /** Waits (real time, at most {@code limit}) for something another thread or process does. */
  static void eventually(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(20);
    }
  }

  StoredApp app() {
    return new StoredApp(APP, ProviderKind.CUSTOM, Optional.empty(), Optional.of(emulator.issuer()),
        emulator.tokenEndpoint(), Optional.of(emulator.authorizationEndpoint()),
        Optional.of(emulator.revocationEndpoint()), Optional.empty(), CLIENT_ID, Optional.of(Secret.of(CLIENT_SECRET)),
        Optional.of(URI.create("http://127.0.0.1:8765/callback")), SCOPES, Optional.of("127.0.0.1"), 2525,
        Optional.of(emulator.deviceEndpoint()));
  }

  /** A refresh-token account whose refresh token the emulator issued just now (no access token yet). */
  NewAccount newAccount(String address) {
    return NewAccount.withRefreshToken(address, APP, issueRefreshToken(address), SCOPES, Optional.empty());
  }

  Secret issueRefreshToken(String address) {
    return Secret.of(emulator.issueRefreshToken(CLIENT_ID, address, SCOPES));
  }

  /** A store with the app and one account in it. */
  CredentialStore storeWithAccount(String address) throws MailtokenException {
    CredentialStore store = open();
    store.addApp(app());
    store.putAccount(newAccount(address));
    return store;
  }

  /**
   * Alice and Bob refreshed three times two hours apart (their refresh tokens rotate each time) and a
   * service account refreshed once; returns every secret that went through the store (more than 8),
   * for tests that look for them in the raw database.
   */
  List<String> fillWithRotatedSecrets() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");
    store.putAccount(newAccount("bob@example.com"));
    ServiceAccountKeyFile sa = emulator.createServiceAccount("robot@example.iam", SCOPES);
    store.putAccount(NewAccount.withServiceAccount("robot@example.com", APP, Secret.of(sa.json()),
        Optional.empty(), SCOPES));
    for (int round = 0; round < 3; round++) {
      store.freshToken("alice@example.com", false, client);
      store.freshToken("bob@example.com", false, client);
      clock.advance(Duration.ofHours(2));
    }
    store.freshToken("robot@example.com", false, client);
    List<String> secrets = new ArrayList<>(emulator.issuedSecrets());
    secrets.add(CLIENT_SECRET);
    secrets.add(sa.pkcs8Pem().split("\n")[2].trim()); // a long run of base64 from inside the private key
    if (secrets.size() <= 8) {
      throw new IllegalStateException("expected more than 8 secrets, got " + secrets.size());
    }
    return secrets;
  }

  /** A plain JDBC connection to the test database, to look at or damage the raw rows. */
  Connection raw() throws SQLException {
    return DriverManager.getConnection(url());
  }

  String url() {
    if (url == null) {
      try {
        url = newDatabaseUrl();
      } catch (Exception e) {
        throw new IllegalStateException("could not create the test database", e);
      }
    }
    return url;
  }
}
