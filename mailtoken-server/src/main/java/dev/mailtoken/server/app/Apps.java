package dev.mailtoken.server.app;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AppBuilder;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.OAuthProviderBuilder;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.NoSuchEntryException;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import java.util.List;
import java.util.Objects;

/**
 * The OAuth2 apps (client registrations) in the store, over HTTP: add, list, read, change, remove. The
 * client secret is write-only: stored encrypted, never returned. An app is built from its
 * provider's preset (Google, a Microsoft tenant, OIDC discovery, or endpoints given by hand) with
 * the given endpoints replacing the preset's, as {@code mailtoken apps add} does.
 *
 * <p>Thread-safe. Failures: {@code DuplicateEntryException} (name taken), {@code AppInUseException}
 * (accounts still use it), {@link NoSuchEntryException}, {@link IllegalArgumentException} for bad
 * input; OIDC discovery errors as the OAuth client reports them.
 */
public final class Apps {
  private final CredentialStore store;
  private final OAuthClient client;
  private final AuditLog audit;

  public Apps(CredentialStore store, OAuthClient client, AuditLog audit) {
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** Adds an app. */
  public AppView add(NewApp request, String actor) throws MailtokenException {
    OAuthProvider provider = provider(request);
    AppBuilder b = App.builder().provider(provider).clientId(request.clientId());
    request.redirectUri().ifPresent(b::redirectUri);
    request.clientSecret().map(Secret::of).ifPresent(b::clientSecret);
    if (!request.scopes().isEmpty()) {
      b.scopes(request.scopes());
    } else if (provider.defaultScopes().isEmpty()) {
      throw new IllegalArgumentException("provider " + provider.name() + " has no default mail scope: give scopes");
    }
    StoredApp stored = StoredApp.from(request.name(), request.provider(), b.build());
    store.addApp(stored);
    audit.record(actor, "app.created", request.name(), request.provider() + ", client " + request.clientId());
    return AppView.of(stored);
  }

  private OAuthProvider provider(NewApp r) throws MailtokenException {
    OAuthProviderBuilder b;
    if (r.provider() == ProviderKind.GOOGLE) {
      b = OAuthProvider.google().toBuilder();
    } else if (r.provider() == ProviderKind.MICROSOFT) {
      b = OAuthProvider.microsoft(r.tenant().orElse("common")).toBuilder();
    } else if (r.provider() == ProviderKind.OIDC) {
      b = OAuthProvider.discover(r.issuer().orElseThrow(), client).toBuilder();
    } else {
      b = OAuthProvider.builder().name(r.name());
    }
    if (r.provider() != ProviderKind.OIDC) {
      r.issuer().ifPresent(b::issuer);
    }
    r.tokenEndpoint().ifPresent(b::tokenEndpoint);
    r.authorizationEndpoint().ifPresent(b::authorizationEndpoint);
    r.revocationEndpoint().ifPresent(b::revocationEndpoint);
    r.userinfoEndpoint().ifPresent(b::userinfoEndpoint);
    if (r.smtpHost().isPresent() || r.smtpPort().isPresent()) {
      OAuthProvider current = b.build();
      String host = r.smtpHost().or(current::smtpHost).orElseThrow(() -> new IllegalArgumentException(
          "smtpPort needs smtpHost: provider " + current.name() + " has no SMTP host"));
      b.smtp(host, r.smtpPort().orElse(current.smtpPort()));
    }
    return b.build();
  }

  public List<AppView> list() throws MailtokenException {
    return store.apps().stream().map(AppView::of).toList();
  }

  /** @throws NoSuchEntryException when there is no such app */
  public AppView get(String name) throws MailtokenException {
    return store.app(name).map(AppView::of).orElseThrow(() -> notFound(name));
  }

  /**
   * Changes an app in place (JSON Merge Patch: see {@link AppPatch}); its accounts stay attached and
   * their next refresh uses the new values. The audit log names the fields changed, never a value.
   *
   * @throws NoSuchEntryException when there is no such app
   * @throws IllegalArgumentException when the result is not a valid app
   */
  public AppView update(String name, AppPatch patch, String actor) throws MailtokenException {
    StoredApp current = store.app(name).orElseThrow(() -> notFound(name));
    StoredApp next = patch.applyTo(current);
    next.toApp();   // the same checks as for an added app, before anything is written
    if (!store.updateApp(next)) {
      throw notFound(name);
    }
    List<String> fields = patch.fields();
    audit.record(actor, "app.updated", name, fields.isEmpty() ? "nothing changed" : "changed " + String.join(", ",
        fields));
    return AppView.of(next);
  }

  /** Removes an app no account uses. */
  public void remove(String name, String actor) throws MailtokenException {
    if (!store.removeApp(name)) {
      throw notFound(name);
    }
    audit.record(actor, "app.removed", name, "");
  }

  /** {@code POST|GET /v1/apps}, {@code GET|PATCH|DELETE /v1/apps/{name}} (scope admin). */
  public Endpoints endpoints() {
    return new AppEndpoints(this);
  }

  /**
   * The app pages (a login required): {@code /admin/apps} to list and add, {@code /admin/apps/{name}}
   * to change, {@code /admin/apps/{name}/remove}.
   */
  public Endpoints pages() {
    return new AppPageEndpoints(this);
  }

  private static NoSuchEntryException notFound(String name) {
    return new NoSuchEntryException("No app " + name + "; list them with GET /v1/apps.", null);
  }
}
