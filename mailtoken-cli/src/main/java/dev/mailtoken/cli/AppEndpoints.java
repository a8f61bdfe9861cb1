package dev.mailtoken.cli;

import dev.mailtoken.internal.http.HttpPolicy;
import dev.mailtoken.oauth.OAuthProvider;
import java.net.URI;
import java.util.Optional;

/**
 * The registration-time side of core's HTTP policy: every endpoint of an app will carry a
 * credential (or, for the authorization endpoint, the user's password), so {@code apps add}
 * refuses plain http to a non-loopback host before anything is fetched or stored. Stateless.
 */
final class AppEndpoints {
  private AppEndpoints() {
  }

  /** A usage error naming {@code option} when {@code uri} (may be null) breaks the policy. */
  static void checkOption(String option, URI uri) {
    if (uri != null && !HttpPolicy.allowsCredentials(uri)) {
      throw new CliException(ExitCode.USAGE, option + " " + uri + " is refused: " + HttpPolicy.rule(),
          "give the https URL the provider documents");
    }
  }

  /**
   * A configuration error when an endpoint of the built provider (for an OIDC app: one that its
   * discovery metadata named) breaks the policy.
   */
  static void checkProvider(OAuthProvider p, URI issuer) {
    checkEndpoint(p, "token endpoint", Optional.of(p.tokenEndpoint()), issuer, "--token-endpoint");
    checkEndpoint(p, "authorization endpoint", p.authorizationEndpoint(), issuer, "--authorization-endpoint");
    checkEndpoint(p, "revocation endpoint", p.revocationEndpoint(), issuer, "--revocation-endpoint");
    checkEndpoint(p, "userinfo endpoint", p.userinfoEndpoint(), issuer, "--userinfo-endpoint");
    checkEndpoint(p, "device authorization endpoint", p.deviceAuthorizationEndpoint(), issuer, null);
  }

  private static void checkEndpoint(OAuthProvider p, String what, Optional<URI> uri, URI issuer, String override) {
    if (uri.isEmpty() || HttpPolicy.allowsCredentials(uri.get())) {
      return;
    }
    throw new CliException(ExitCode.CONFIGURATION, "provider " + p.name() + "'s " + what + " " + uri.get()
        + (issuer != null ? " (named by the metadata of issuer " + issuer + ")" : "") + " is refused: "
        + HttpPolicy.rule(), override == null ? "ask the provider's administrator to publish https endpoints"
        : "ask the provider's administrator to publish https endpoints, or override it with " + override
            + " https://…");
  }
}
