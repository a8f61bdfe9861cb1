package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.apitoken.CreatedApiToken;
import dev.mailtoken.server.apitoken.NewApiToken;
import dev.mailtoken.server.web.Scope;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.SmtpEmulator;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mailtoken serve --demo}: the server with the testkit's Google-like provider and SMTP
 * server running in this process, and an app {@value #APP} registered with both, so a person can
 * connect a mailbox in the browser with no account anywhere. Uses a temporary store (deleted at
 * the end) unless {@code --home} or {@code --db} is given; prints the URL, an admin token and what
 * to open. Not thread-safe (one command).
 */
final class DemoServer {
  static final String APP = "demo";
  static final String MAILBOX = "demo@example.com";
  static final String CLIENT_ID = "demo-web-app.apps.googleusercontent.com";

  private final Main main;
  private final PrintWriter out;
  private final PrintWriter err;

  DemoServer(Main main, PrintWriter out, PrintWriter err) {
    this.main = main;
    this.out = out;
    this.err = err;
  }

  int run(ServerConfig config, ServerRun run) throws Exception {
    boolean temporary = main.homeOption().isEmpty() && !main.dbOption();
    Path home = temporary ? Files.createTempDirectory("mailtoken-serve-demo-") : StoreHome.resolve(main.effectiveEnv());
    String clientSecret = "GOCSPX-" + random();
    try (ProviderEmulator provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE)
            .clock(main.context().clock()).defaultUser(MAILBOX).build().start();
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start();
        StoreAccess access = StoreAccess.open(storeEnv(home), main.context().clock(), err, true)) {
      return run.serve(access, config, (server, o) -> {
        StoredApp app = register(access.store(), provider, smtp, server, clientSecret);
        announce(server, provider, smtp, app, home, temporary);
      });
    } finally {
      if (temporary) {
        DemoCommand.deleteTree(home);
      }
    }
  }

  /** The demo's store: the temporary home (a key file of its own), or the --home / --db given. */
  private Map<String, String> storeEnv(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put(StoreHome.HOME_VARIABLE, home.toAbsolutePath().toString());
    if (main.dbOption()) {
      env.put(StoreHome.DB_VARIABLE, main.effectiveEnv().get(StoreHome.DB_VARIABLE));
    }
    return env;
  }

  /** Registers the web client with the provider and stores (or updates) the demo app pointing at both emulators. */
  private static StoredApp register(CredentialStore store, ProviderEmulator provider, SmtpEmulator smtp,
      MailtokenServer server, String clientSecret) throws MailtokenException {
    URI callback = URI.create(server.url() + "/connect/callback");
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, clientSecret).redirectUri(callback.toString())
        .build());
    StoredApp app = new StoredApp(APP, ProviderKind.GOOGLE, Optional.empty(), Optional.of(provider.issuer()),
        provider.tokenEndpoint(), Optional.of(provider.authorizationEndpoint()),
        Optional.of(provider.revocationEndpoint()), Optional.of(provider.userinfoEndpoint()), CLIENT_ID,
        Optional.of(Secret.of(clientSecret)), Optional.of(callback), List.of("https://mail.google.com/"),
        Optional.of(smtp.host()), smtp.port());
    if (!store.updateApp(app)) {
      store.addApp(app);
    }
    return app;
  }

  private void announce(MailtokenServer server, ProviderEmulator provider, SmtpEmulator smtp, StoredApp app,
      Path home, boolean temporary) throws MailtokenException {
    out.println("mailtoken server listening on " + server.url() + " (demo)");
    out.println("  in this process: a Google-like OAuth2 provider at " + provider.baseUri() + " and an SMTP server"
        + " (STARTTLS, XOAUTH2) at " + smtp.host() + ":" + smtp.port() + "; nothing leaves 127.0.0.1");
    out.println("  store: " + home + (temporary ? " (temporary, deleted at the end)" : ""));
    out.println("  app \"" + app.name() + "\": client " + app.clientId() + ", redirect " + app.redirectUri().orElseThrow());
    Optional<CreatedApiToken> first = server.firstAdminToken();
    String token = first.isPresent() ? first.get().value().reveal() : server.apiTokens().create(new NewApiToken(
        "demo admin token", List.of(Scope.ADMIN), List.of(), Optional.empty()), "demo").value().reveal();
    out.println("  admin API token (shown only now): " + token);
    out.println();
    out.println("Try it:");
    out.println("  1. Open " + server.url() + "/login and log in with the admin API token above; " + server.url()
        + "/admin lists the connected mailboxes.");
    out.println("  2. Make a connect link for the demo app, open the \"url\" it answers in the browser and click"
        + " through; the provider consents as " + MAILBOX + ":");
    out.println("       curl -s -X POST -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json'"
        + " -d '{\"app\":\"" + APP + "\"}' " + server.url() + "/v1/connect-links");
    out.println("  3. Fetch the connected mailbox's access token:");
    out.println("       curl -s -H 'Authorization: Bearer " + token + "' " + server.url() + "/v1/accounts/" + MAILBOX
        + "/token");
  }

  private static String random() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
