package dev.mailtoken.server.connect;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.apitoken.ApiTokens;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.WebServer;
import dev.mailtoken.server.web.WebSettings;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.ProviderEmulatorBuilder;
import dev.mailtoken.testkit.TestClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The connect feature wired as STYLE.md asks of feature tests: the real facades on a fresh SQLite
 * store, served by the real {@link WebServer} on port 0, a provider emulator on loopback, and a
 * {@link ConnectListener} that records what it is told.
 */
final class ConnectFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2031-05-17T09:13:27.123Z");
  static final String CLIENT_ID = "web-client";
  static final String CLIENT_SECRET = "web-client-secret-0123456789";
  static final String RETURN_BASE = "http://127.0.0.1:9/crm/";

  final TestClock clock = TestClock.at(START);
  final CredentialStore store;
  final ProviderEmulator emulator;
  final AuditLog audit;
  final ConnectLinks links;
  final List<AccountConnected> connected = new CopyOnWriteArrayList<>();
  final Http http;
  final String token;
  private final WebServer web;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<TestBrowser> browsers = new CopyOnWriteArrayList<>();

  ConnectFixture(Path dir, EmulatorMode mode) throws MailtokenException {
    this(dir, mode, b -> { });
  }

  ConnectFixture(Path dir, EmulatorMode mode, Consumer<ProviderEmulatorBuilder> emulatorOptions)
      throws MailtokenException {
    this("jdbc:sqlite:" + dir.resolve("mailtoken.db"), mode, emulatorOptions);
  }

  /** On the database at {@code jdbcUrl} (SQLite or PostgreSQL). */
  ConnectFixture(String jdbcUrl, EmulatorMode mode, Consumer<ProviderEmulatorBuilder> emulatorOptions)
      throws MailtokenException {
    ProviderEmulatorBuilder b = ProviderEmulator.builder().mode(mode).clock(clock);
    emulatorOptions.accept(b);
    emulator = b.build().start();
    store = CredentialStore.open(jdbcUrl, KeyRing.generate(), clock);
    OAuthClient oauth = OAuthClient.builder().clock(clock).build();
    ServerDatabase db = ServerDatabase.open(store);
    audit = new AuditLog(db, clock);
    ApiTokens tokens = new ApiTokens(db, audit, clock);
    token = tokens.createFirstAdminToken().orElseThrow().value().reveal();
    AtomicReference<WebServer> started = new AtomicReference<>();
    links = new ConnectLinks(db, store, oauth, audit, clock, new ConnectSettings(
        () -> URI.create("http://127.0.0.1:" + started.get().port()), List.of(URI.create(RETURN_BASE)),
        Duration.ofHours(1)), connected::add);
    web = new WebServer(new WebSettings("127.0.0.1", 0, 65536, List.of(), Optional.empty(), Duration.ofSeconds(2)),
        tokens::authenticate, List.of(), List.of(tokens.endpoints(), links.endpoints()));
    started.set(web.start());
    http = new Http(base());
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUri(base() + "/connect/callback").build());
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + web.port());
  }

  /** Every secret the test made or the emulator issued: none may reach a log line. */
  Set<String> secrets() {
    Set<String> all = new HashSet<>(emulator.issuedSecrets());
    all.add(token);
    all.add(CLIENT_SECRET);
    browsers.forEach(b -> all.addAll(b.cookies().values()));
    return all;
  }

  /** Adds an app {@code name} of {@code kind} with the emulator's endpoints (authorization at {@code authorize}). */
  StoredApp addApp(String name, ProviderKind kind, Optional<URI> authorize) throws MailtokenException {
    boolean microsoft = emulator.mode() == EmulatorMode.MICROSOFT;
    List<String> scopes = microsoft ? List.of("https://outlook.office.com/SMTP.Send", "offline_access")
        : List.of("https://mail.google.com/");
    StoredApp app = new StoredApp(name, kind, microsoft ? Optional.of("common") : Optional.empty(),
        Optional.of(emulator.issuer()), emulator.tokenEndpoint(),
        Optional.of(authorize.orElse(emulator.authorizationEndpoint())),
        microsoft ? Optional.empty() : Optional.of(emulator.revocationEndpoint()),
        Optional.of(emulator.userinfoEndpoint()), CLIENT_ID, Optional.of(Secret.of(CLIENT_SECRET)), Optional.empty(),
        scopes, Optional.empty(), 587);
    store.addApp(app);
    return app;
  }

  StoredApp addApp(String name) throws MailtokenException {
    ProviderKind kind = emulator.mode() == EmulatorMode.MICROSOFT ? ProviderKind.MICROSOFT
        : emulator.mode() == EmulatorMode.GOOGLE ? ProviderKind.GOOGLE : ProviderKind.OIDC;
    return addApp(name, kind, Optional.empty());
  }

  /** A person picking another account than the link's expected mailbox, in front of the emulator. */
  AccountChooser chooser(String chosen) {
    AccountChooser c = new AccountChooser(emulator.authorizationEndpoint(), chosen);
    closeables.add(c);
    return c;
  }

  TestBrowser browser(AccountChooser... choosers) {
    Set<String> known = new HashSet<>(Set.of(hostPort(base()), hostPort(emulator.baseUri())));
    for (AccountChooser c : choosers) {
      known.add(c.hostAndPort());
    }
    TestBrowser b = new TestBrowser(known);
    browsers.add(b);
    return b;
  }

  /** Creates a link through the API: the JSON answer. */
  com.fasterxml.jackson.databind.JsonNode createLink(String body) {
    var r = http.postJson("/v1/connect-links", token, body);
    if (r.statusCode() != 201) {
      throw new AssertionError("link not created: " + r.statusCode() + " " + r.body());
    }
    return Http.json(r);
  }

  private static String hostPort(URI u) {
    return u.getHost() + ":" + u.getPort();
  }

  @Override
  public void close() throws Exception {
    web.stop();
    for (AutoCloseable c : closeables) {
      c.close();
    }
    emulator.close();
    store.close();
  }
}
