package dev.mailtoken.cli;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationCode;
import dev.mailtoken.oauth.AuthorizationRequestBuilder;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.MissingRefreshTokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.PendingAuthorization;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.ScopeNotGrantedException;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.oauth.AuthorizationException;
import dev.mailtoken.oauth.StateMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The RFC 8252 loopback consent flow: listener on 127.0.0.1, PKCE and state through
 * {@link PendingAuthorization}, the URL printed (and opened with the {@link Browser} given), the
 * callback with our state (or, with {@code --manual}, the redirect pasted on standard input)
 * validated, the code exchanged, and the mailbox address found by {@link ConsentedMailbox} (ID token,
 * else userinfo, else the {@code --account} the user gave). Storing the result is the caller's job.
 *
 * <p>One instance per run; not thread-safe. Failures are {@link MailtokenException}s from core or
 * {@link CliException}s with a hint; the browser page always shows the outcome.
 */
final class AuthorizationFlow {
  private static final List<String> IDENTITY_SCOPES = List.of("openid", "email");
  /** Microsoft sends preferred_username (the UPN, our fallback mailbox name) only with profile. */
  private static final List<String> MICROSOFT_IDENTITY_SCOPES = List.of("openid", "email", "profile");

  private final OAuthClient client;
  private final Browser browser;
  private final PrintWriter err;
  private final InputStream stdin;

  AuthorizationFlow(OAuthClient client, Browser browser, PrintWriter err, InputStream stdin) {
    this.client = client;
    this.browser = browser;
    this.err = err;
    this.stdin = stdin;
  }

  /** What the consent produced: the mailbox and the token response (with its refresh token). */
  record Authorized(String address, TokenResponse tokens) {
  }

  Authorized run(App stored, ConsentRequest request) throws MailtokenException, InterruptedException {
    OAuthProvider provider = stored.provider();
    boolean canIdentify = provider.issuer().isPresent() || provider.userinfoEndpoint().isPresent();
    if (!canIdentify && request.account().isEmpty()) {
      throw new CliException(ExitCode.USAGE, "provider " + provider.name() + " cannot tell which mailbox consented"
          + " (no OpenID issuer, no userinfo endpoint)", "name it: --account user@example.com");
    }
    try (LoopbackReceiver receiver = startReceiver(stored, request.port())) {
      App app = new App(provider, stored.clientId(), stored.clientSecret(), Optional.of(receiver.redirectUri()),
          scopes(stored, canIdentify), stored.clientAuthentication());
      PendingAuthorization pending = pending(app, request);
      receiver.expect(pending.state());
      err.println("Open this URL in a browser to authorize " + provider.name() + " access:");
      err.println();
      err.println("  " + pending.uri());
      err.println();
      CompletableFuture<URI> pasted = new CompletableFuture<>();
      if (request.manual()) {
        err.println("After you consent, the browser goes to " + receiver.redirectUri() + "?… — on another machine"
            + " that page does not load: copy the whole address from the address bar, paste it here and press"
            + " Enter.");
        pasted = PastedRedirect.read(stdin, receiver.redirectUri());
      } else if (request.openBrowser() && browser.open(pending.uri())) {
        err.println("(opened your browser)");
      }
      err.println((request.manual() ? "waiting for the pasted address… (" : "waiting for consent… (")
          + "Ctrl-C to cancel; gives up after " + human(request.timeout()) + ")");
      err.flush();
      URI callback = awaitCallback(receiver, request.timeout(), pasted);
      try {
        AuthorizationCode code = validate(pending, callback, request.manual(), receiver.redirectUri());
        TokenResponse tokens = client.exchangeCode(app, code);
        String address = new ConsentedMailbox(client, err).address(app, tokens, request.account());
        receiver.finish(true, "mailtoken received the authorization for " + address + ".");
        return new Authorized(address, tokens);
      } catch (MailtokenException | RuntimeException e) {
        receiver.finish(false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        CliException explained = explain(e, provider, request.forceConsent());
        if (explained != null) {
          throw explained;
        }
        throw e;
      }
    }
  }

  /**
   * The app's registered loopback redirect decides host and path (and the port, unless --port is
   * given); without one: 127.0.0.1 (RFC 8252 §8.3), or localhost for Microsoft, which accepts any
   * port only for localhost redirect URIs.
   */
  private static LoopbackReceiver startReceiver(App stored, int requestedPort) {
    Optional<URI> registered = stored.redirectUri();
    String host = registered.map(URI::getHost).map(h -> h.equals("::1") ? "[::1]" : h)
        .orElse(stored.provider().name().equals("microsoft") ? "localhost" : "127.0.0.1");
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
      throw new CliException(ExitCode.CONFIGURATION, "the app's redirect URI " + registered.get() + " is not a"
          + " loopback address; authorize needs http://127.0.0.1/..., http://localhost/... or http://[::1]/...",
          "add the app again with --redirect-uri http://127.0.0.1/callback (registered at the provider)");
    }
    String path = registered.map(URI::getRawPath).filter(p -> !p.isEmpty()).orElse(LoopbackReceiver.DEFAULT_PATH);
    int port = requestedPort != 0 ? requestedPort : registered.map(URI::getPort).filter(p -> p > 0).orElse(0);
    try {
      return LoopbackReceiver.start(port, host, path);
    } catch (IOException e) {
      throw new CliException(ExitCode.CONFIGURATION, "cannot listen on 127.0.0.1:" + port + " for the redirect: "
          + e.getMessage(), port == 0 ? null : "choose another --port, or leave it out for an ephemeral port");
    }
  }

  static List<String> scopes(App stored, boolean canIdentify) {
    List<String> scopes = new ArrayList<>(stored.scopes());
    if (stored.provider().issuer().isPresent() && canIdentify) {
      boolean microsoft = stored.provider().name().equals("microsoft");
      for (String s : microsoft ? MICROSOFT_IDENTITY_SCOPES : IDENTITY_SCOPES) {
        if (!scopes.contains(s)) {
          scopes.add(s);
        }
      }
    }
    return scopes;
  }

  private static PendingAuthorization pending(App app, ConsentRequest request) {
    AuthorizationRequestBuilder builder = PendingAuthorization.builder(app);
    request.account().ifPresent(builder::loginHint);
    // Google shows the consent screen (and so returns a refresh token) again only with prompt=consent.
    // Asking for it every time would make every re-run a full consent; we ask when the user forces it.
    if (app.provider().offlineAccessParameters().containsKey("prompt") && !request.forceConsent()) {
      builder.extraParameter("prompt", "select_account");
    }
    if (request.forceConsent() && app.provider().offlineAccessParameters().isEmpty()) {
      builder.extraParameter("prompt", "consent");
    }
    return builder.build();
  }

  /** A pasted redirect with the wrong state gets a hint about what to paste. */
  private static AuthorizationCode validate(PendingAuthorization pending, URI callback, boolean manual, URI redirect)
      throws AuthorizationException {
    try {
      return pending.validate(callback);
    } catch (StateMismatchException e) {
      if (!manual) {
        throw e;
      }
      throw new CliException(ExitCode.CONSENT, e.getMessage(), "paste the address the browser shows after"
          + " consenting to the URL printed by this run (it starts with " + redirect + "?); run authorize"
          + " --manual again");
    }
  }

  private static URI awaitCallback(LoopbackReceiver receiver, Duration timeout, CompletableFuture<URI> pasted)
      throws InterruptedException {
    try {
      return receiver.awaitCallback(timeout, pasted);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CliException cli) {
        throw cli;
      }
      throw new CliException(ExitCode.FAILURE, "could not read the pasted address: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new CliException(ExitCode.CONSENT, "no answer from the browser within " + human(timeout)
          + "; nothing was stored", "run authorize again (and finish the consent in time), or wait longer with"
          + " --timeout 10m. If the provider showed an error page instead (redirect_uri_mismatch, invalid_client),"
          + " the app registration does not fit: Google needs an OAuth client of type \"Desktop app\", Microsoft"
          + " the platform \"Mobile and desktop applications\" with http://localhost/callback");
    }
  }

  /** Adds the CLI's own next step to core's explanation where the CLI has a flag for it. */
  static CliException explain(Exception e, OAuthProvider provider, boolean forced) {
    if (e instanceof MissingRefreshTokenException) {
      boolean google = provider.offlineAccessParameters().containsKey("prompt");
      String removeAccess = "remove the app's access at https://myaccount.google.com/permissions and authorize again";
      String hint = google ? (forced ? removeAccess : "run again with --force-consent, or " + removeAccess)
          : "check that the app may use refresh tokens (offline access)"
              + (forced ? "" : ", then run again with --force-consent");
      return new CliException(ExitCode.CONFIGURATION, e.getMessage(), hint);
    }
    if (e instanceof ScopeNotGrantedException) {
      return new CliException(ExitCode.CONFIGURATION, e.getMessage(),
          "run authorize again and leave every permission ticked on the consent screen");
    }
    return null;
  }

  static String human(Duration d) {
    if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }
}
