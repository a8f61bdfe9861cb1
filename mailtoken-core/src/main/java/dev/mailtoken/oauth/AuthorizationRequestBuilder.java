package dev.mailtoken.oauth;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link PendingAuthorization} for an app. Defaults: the app's scopes, a refresh token
 * wanted (adds the provider's quirk parameters or {@code offline_access}), PKCE S256 on, required
 * scopes = the requested scopes that are among the provider's mail scopes. Each option may be
 * set once. Not thread-safe.
 */
public final class AuthorizationRequestBuilder {
  /** Parameters this package sets itself; extra parameters may not override them. */
  private static final Set<String> RESERVED = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
      "code_challenge", "code_challenge_method", "login_hint");

  private final App app;
  private List<String> scopes;
  private Set<String> requiredScopes;
  private String loginHint;
  private boolean refreshTokenRequired = true;
  private boolean pkce = true;
  private final Map<String, String> extraParameters = new LinkedHashMap<>();
  private SecureRandom random;
  private final Set<String> set = new HashSet<>();

  AuthorizationRequestBuilder(App app) {
    this.app = Objects.requireNonNull(app, "app");
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this authorization request builder");
    }
  }

  /** Scopes to ask for instead of the app's. */
  public AuthorizationRequestBuilder scopes(List<String> scopes) {
    once("scopes");
    this.scopes = Scopes.checked(scopes);
    return this;
  }

  /** Scopes the exchanged token must carry, or the exchange fails with {@link ScopeNotGrantedException}. */
  public AuthorizationRequestBuilder requiredScopes(Set<String> requiredScopes) {
    once("requiredScopes");
    this.requiredScopes = Set.copyOf(Scopes.checked(List.copyOf(requiredScopes)));
    return this;
  }

  /** The mailbox expected to consent ({@code login_hint}); also names the account in errors. */
  public AuthorizationRequestBuilder loginHint(String loginHint) {
    once("loginHint");
    Objects.requireNonNull(loginHint, "loginHint");
    if (loginHint.isBlank()) {
      throw new IllegalArgumentException("loginHint must not be blank");
    }
    this.loginHint = loginHint;
    return this;
  }

  /**
   * Whether the code exchange must return a refresh token (default true). When true the
   * provider's quirk parameters are added (Google {@code access_type=offline&prompt=consent},
   * Microsoft {@code offline_access}) and a missing refresh token fails the exchange.
   */
  public AuthorizationRequestBuilder refreshTokenRequired(boolean required) {
    once("refreshTokenRequired");
    this.refreshTokenRequired = required;
    return this;
  }

  /** PKCE S256 (default on). Turn off only for a provider that rejects it. */
  public AuthorizationRequestBuilder pkce(boolean enabled) {
    once("pkce");
    this.pkce = enabled;
    return this;
  }

  /**
   * Another authorization parameter (e.g. {@code hd}, {@code include_granted_scopes},
   * {@code domain_hint}). May override a provider quirk parameter such as {@code prompt}, but not
   * the protocol's own parameters; {@code approval_prompt} is refused (it conflicts with
   * {@code prompt} at Google, T-G-14).
   */
  public AuthorizationRequestBuilder extraParameter(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException("\"" + name + "\" is set by mailtoken; use the builder's own option");
    }
    if (name.equals("approval_prompt")) {
      throw new IllegalArgumentException("approval_prompt is obsolete and conflicts with prompt at Google;"
          + " use extraParameter(\"prompt\", \"consent\") instead");
    }
    if (extraParameters.putIfAbsent(name, value) != null) {
      throw new IllegalStateException("extra parameter " + name + " was already set");
    }
    return this;
  }

  /** The randomness for {@code state} and the PKCE verifier (default: a new {@link SecureRandom}). */
  public AuthorizationRequestBuilder random(SecureRandom random) {
    once("random");
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * @throws IllegalStateException when the provider has no authorization endpoint or the app no redirect URI
   */
  public PendingAuthorization build() {
    OAuthProvider p = app.provider();
    if (p.authorizationEndpoint().isEmpty()) {
      throw new IllegalStateException("provider " + p.name() + " has no authorization endpoint; set one with"
          + " toBuilder().authorizationEndpoint(...)");
    }
    if (app.redirectUri().isEmpty()) {
      throw new IllegalStateException("app " + app.clientId() + " has no redirect URI; set redirectUri(...) to one"
          + " registered for the app");
    }
    Set<String> asked = new LinkedHashSet<>(scopes != null ? scopes : app.scopes());
    Map<String, String> quirks = new LinkedHashMap<>();
    if (refreshTokenRequired) {
      p.offlineAccessScope().ifPresent(asked::add);
      quirks.putAll(p.offlineAccessParameters());
    }
    Set<String> required = requiredScopes;
    if (required == null) {
      required = new LinkedHashSet<>(asked);
      required.retainAll(p.defaultScopes());
      p.offlineAccessScope().ifPresent(required::remove);
    }
    quirks.putAll(extraParameters);
    return PendingAuthorization.create(app, List.copyOf(asked), required, loginHint, refreshTokenRequired, pkce,
        quirks, random != null ? random : new SecureRandom());
  }
}
