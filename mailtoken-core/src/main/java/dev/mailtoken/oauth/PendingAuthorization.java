package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One consent attempt in progress: the URI to send the user to, and what is needed to check the
 * redirect that comes back ({@code state}, 256 random bits) and to exchange its code (the PKCE
 * verifier).
 *
 * <pre>{@code
 * PendingAuthorization pending = PendingAuthorization.builder(app).loginHint("alice@example.com").build();
 * browser.open(pending.uri());
 * AuthorizationCode code = pending.validate(redirectedTo);     // the full redirect URI
 * TokenResponse tokens = oauthClient.exchangeCode(app, code);
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code toString} hides {@code state} and the verifier.
 */
public final class PendingAuthorization {
  private final App app;
  private final URI uri;
  private final Secret state;
  private final Optional<Secret> codeVerifier;
  private final List<String> scopes;
  private final Set<String> requiredScopes;
  private final Optional<String> loginHint;
  private final boolean refreshTokenRequired;

  private PendingAuthorization(App app, URI uri, Secret state, Optional<Secret> codeVerifier, List<String> scopes,
      Set<String> requiredScopes, Optional<String> loginHint, boolean refreshTokenRequired) {
    this.app = app;
    this.uri = uri;
    this.state = state;
    this.codeVerifier = codeVerifier;
    this.scopes = List.copyOf(scopes);
    this.requiredScopes = Set.copyOf(requiredScopes);
    this.loginHint = loginHint;
    this.refreshTokenRequired = refreshTokenRequired;
  }

  /** Starts building an authorization request for {@code app}. */
  public static AuthorizationRequestBuilder builder(App app) {
    return new AuthorizationRequestBuilder(app);
  }

  static PendingAuthorization create(App app, List<String> scopes, Set<String> required, String loginHint,
      boolean refreshTokenRequired, boolean pkce, Map<String, String> extra, SecureRandom random) {
    Secret state = Secret.of(randomToken(random));
    Optional<Secret> verifier = pkce ? Optional.of(Secret.of(randomToken(random))) : Optional.empty();
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", app.clientId());
    q.put("redirect_uri", app.redirectUri().orElseThrow().toString());
    q.put("scope", Scopes.join(scopes));
    q.put("state", state.reveal());
    verifier.ifPresent(v -> {
      q.put("code_challenge", challenge(v.reveal()));
      q.put("code_challenge_method", "S256");
    });
    if (loginHint != null) {
      q.put("login_hint", loginHint);
    }
    q.putAll(extra);
    URI endpoint = app.provider().authorizationEndpoint().orElseThrow();
    StringBuilder uri = new StringBuilder(endpoint.toString());
    char sep = endpoint.getRawQuery() == null ? '?' : '&';
    for (Map.Entry<String, String> e : q.entrySet()) {
      uri.append(sep).append(queryEncode(e.getKey())).append('=').append(queryEncode(e.getValue()));
      sep = '&';
    }
    return new PendingAuthorization(app, URI.create(uri.toString()), state, verifier, scopes, required,
        Optional.ofNullable(loginHint), refreshTokenRequired);
  }

  /** 32 random bytes, base64url: 256 bits for state, and a 43-character PKCE verifier (RFC 7636 §4.1). */
  private static String randomToken(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))), no padding. */
  static String challenge(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  // Spaces as %20 rather than '+': some authorization servers read '+' in a query literally.
  private static String queryEncode(String s) {
    return Form.encode(s).replace("+", "%20");
  }

  /** The URI to open in the user's browser. It contains {@code state}; do not log it at INFO. */
  public URI uri() {
    return uri;
  }

  /** The {@code state} value sent; store it server-side if the callback arrives in another process. */
  public Secret state() {
    return state;
  }

  /** The PKCE verifier, when PKCE is on. */
  public Optional<Secret> codeVerifier() {
    return codeVerifier;
  }

  public List<String> scopes() {
    return scopes;
  }

  public Set<String> requiredScopes() {
    return requiredScopes;
  }

  public Optional<String> loginHint() {
    return loginHint;
  }

  public App app() {
    return app;
  }

  /**
   * Checks the redirect the provider sent the browser to, as received (query still
   * percent-encoded): each parameter is decoded exactly once (T-G-07).
   *
   * @throws StateMismatchException when {@code state} is missing or not ours
   * @throws AuthorizationDeniedException when the redirect carries {@code error} (e.g. {@code access_denied})
   * @throws AuthorizationException when it carries neither a code nor an error
   */
  public AuthorizationCode validate(URI callback) throws AuthorizationException {
    Objects.requireNonNull(callback, "callback");
    Map<String, String> params = new LinkedHashMap<>();
    String raw = callback.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        params.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    return validate(params);
  }

  /**
   * Like {@link #validate(URI)} for query parameters a web framework has ALREADY decoded; they
   * are used as given and not decoded again.
   */
  public AuthorizationCode validate(Map<String, String> decodedParameters) throws AuthorizationException {
    return CallbackValidator.validate(this, decodedParameters, refreshTokenRequired);
  }

  Secret stateSecret() {
    return state;
  }

  @Override
  public String toString() {
    return "PendingAuthorization[" + app.provider().name() + ", client=" + app.clientId() + ", scopes=" + scopes
        + ", state=" + state + ", pkce=" + codeVerifier.isPresent() + "]";
  }
}
