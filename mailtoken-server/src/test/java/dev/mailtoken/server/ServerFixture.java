package dev.mailtoken.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RotationPolicy;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Scheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A credential store on a fresh SQLite file (or a given JDBC URL) and servers started on it on
 * port 0. Close it after the test: stops the servers, closes the stores.
 */
public final class ServerFixture implements AutoCloseable {
  public static final Instant START = Instant.parse("2031-05-17T09:13:27.123Z");

  public final TestClock clock = TestClock.at(START);
  public final KeyRing keys = KeyRing.generate();
  public final OAuthClient oauthClient = OAuthClient.builder().clock(clock).build();
  public static final String APP = "emulated";
  public static final String CLIENT_ID = "server-client";
  public static final String CLIENT_SECRET = "server-client-secret-Qk7vR2";
  public static final List<String> SCOPES = List.of("https://mail.example.com/send");

  private final String url;
  private ProviderEmulator emulator;
  private RotationPolicy rotation = RotationPolicy.NONE;
  private final List<MailtokenServer> servers = new ArrayList<>();
  private final List<CredentialStore> stores = new ArrayList<>();

  public ServerFixture(Path dir) {
    this("jdbc:sqlite:" + dir.resolve("mailtoken.db"));
  }

  public ServerFixture(String jdbcUrl) {
    this.url = jdbcUrl;
  }

  public CredentialStore store() throws MailtokenException {
    CredentialStore s = CredentialStore.open(url, keys, clock);
    stores.add(s);
    return s;
  }

  /** A server with {@code config} on a store of its own (as another node would have), on port 0. */
  public MailtokenServer start(ServerConfig config) throws MailtokenException {
    return start(config, Optional.empty());
  }

  /** Like {@link #start(ServerConfig)}, with proactive refreshes run by {@code scheduler}. */
  public MailtokenServer start(ServerConfig config, Optional<Scheduler> scheduler) throws MailtokenException {
    MailtokenServer server = new MailtokenServer(config, store(), oauthClient, clock, scheduler).start(0);
    servers.add(server);
    return server;
  }

  /** Makes the emulator rotate refresh tokens on every refresh; call before {@link #emulator()}. */
  public ServerFixture rotatingRefreshTokens() {
    if (emulator != null) {
      throw new IllegalStateException("the emulator was already started");
    }
    rotation = RotationPolicy.ROTATE;
    return this;
  }

  /** A generic OAuth2 provider emulator on the fixture's clock, with the app's client registered (started once). */
  public ProviderEmulator emulator() {
    if (emulator == null) {
      emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).rotation(rotation).clock(clock).build().start();
      emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
          .redirectUri("http://127.0.0.1:8765/callback").build());
    }
    return emulator;
  }

  /** The emulator's app, as stored. */
  public StoredApp app() {
    ProviderEmulator e = emulator();
    return new StoredApp(APP, ProviderKind.CUSTOM, Optional.empty(), Optional.of(e.issuer()), e.tokenEndpoint(),
        Optional.of(e.authorizationEndpoint()), Optional.of(e.revocationEndpoint()), Optional.empty(), CLIENT_ID,
        Optional.of(Secret.of(CLIENT_SECRET)), Optional.of(URI.create("http://127.0.0.1:8765/callback")), SCOPES,
        Optional.empty(), 587);
  }

  /**
   * Stores the app (once) and an account with a refresh token the emulator issued, and a stored
   * access token (not issued by the emulator) that expires after {@code accessTokenLife}.
   */
  public void addAccount(CredentialStore store, String address, Duration accessTokenLife) throws MailtokenException {
    if (store.app(APP).isEmpty()) {
      store.addApp(app());
    }
    Secret refresh = Secret.of(emulator().issueRefreshToken(CLIENT_ID, address, SCOPES));
    AccessToken seeded = AccessToken.of("seeded-" + address, clock.instant().plus(accessTokenLife));
    store.putAccount(NewAccount.withRefreshToken(address, APP, refresh, SCOPES, Optional.of(seeded)));
  }

  public MailtokenServer start() throws MailtokenException {
    return start(ServerConfig.defaults());
  }

  @Override
  public void close() {
    servers.forEach(MailtokenServer::stop);
    stores.forEach(CredentialStore::close);
    if (emulator != null) {
      emulator.close();
    }
  }
}
