package dev.mailtoken.server.connect;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AppBuilder;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's apps as the web flow uses them. An app can connect a mailbox on the web when it has
 * an authorization endpoint (or is an OpenID Connect app whose issuer can be discovered) and a
 * way to tell who consented (an issuer, for ID tokens, or a userinfo endpoint). For the flow, the
 * app's redirect URI is the server's own {@code /connect/callback}, and {@code openid email} (plus
 * {@code profile} at Microsoft, for the sign-in name) are added to its scopes. Thread-safe.
 */
final class WebApps {
  private static final List<String> IDENTITY_SCOPES = List.of("openid", "email");
  private static final List<String> MICROSOFT_IDENTITY_SCOPES = List.of("openid", "email", "profile");

  private final CredentialStore store;
  private final OAuthClient client;

  WebApps(CredentialStore store, OAuthClient client) {
    this.store = store;
    this.client = client;
  }

  /** The apps a person may pick from, by name. */
  List<StoredApp> offered() throws MailtokenException {
    return store.apps().stream().filter(WebApps::canConnect).toList();
  }

  Optional<StoredApp> find(String name) throws MailtokenException {
    return store.app(name);
  }

  static boolean canConnect(StoredApp a) {
    boolean authorize = a.authorizationEndpoint().isPresent() || (a.kind() == ProviderKind.OIDC && a.issuer().isPresent());
    return authorize && (a.issuer().isPresent() || a.userinfoEndpoint().isPresent());
  }

  /** The provider's name for people: Google, Microsoft, else the provider's own name. */
  static String providerName(App app) {
    String name = app.provider().name();
    return name.equals("google") ? "Google" : name.equals("microsoft") ? "Microsoft" : name;
  }

  /** A label for the provider button. */
  static String label(StoredApp a) {
    switch (a.kind()) {
      case GOOGLE:
        return "Google";
      case MICROSOFT:
        return "Microsoft";
      default:
        return a.issuer().map(URI::getHost).orElse(a.name());
    }
  }

  /**
   * The app ready for the flow: redirect URI {@code redirectUri}, identity scopes added; an OpenID
   * Connect app without an authorization endpoint is completed by discovery from its issuer.
   *
   * @throws MailtokenException when discovery fails
   */
  App forFlow(StoredApp stored, URI redirectUri) throws MailtokenException {
    App base = stored.toApp();
    OAuthProvider provider = base.provider();
    if (provider.authorizationEndpoint().isEmpty() && stored.issuer().isPresent()) {
      provider = OAuthProvider.discover(stored.issuer().get(), client);
    }
    List<String> scopes = new ArrayList<>(base.scopes().isEmpty() ? provider.defaultScopes() : base.scopes());
    if (provider.issuer().isPresent()) {
      for (String s : provider.name().equals("microsoft") ? MICROSOFT_IDENTITY_SCOPES : IDENTITY_SCOPES) {
        if (!scopes.contains(s)) {
          scopes.add(s);
        }
      }
    }
    AppBuilder b = App.builder().provider(provider).clientId(base.clientId()).redirectUri(redirectUri)
        .scopes(scopes).clientAuthentication(base.clientAuthentication());
    base.clientSecret().ifPresent(b::clientSecret);
    return b.build();
  }
}
