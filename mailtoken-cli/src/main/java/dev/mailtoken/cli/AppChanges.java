package dev.mailtoken.cli;

import dev.mailtoken.store.StoredApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code apps update} changed, as short phrases for its output ("token endpoint
 * https://…", "client secret sha256:… (fingerprint)"). A secret shows only as its fingerprint.
 * Stateless.
 */
final class AppChanges {
  private AppChanges() {
  }

  /** The phrases for every value that differs between {@code before} and {@code after}, in a fixed order. */
  static List<String> between(StoredApp before, StoredApp after) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(before.clientSecret(), after.clientSecret())) {
      changed.add(after.clientSecret().map(s -> "client secret " + s.fingerprint() + " (fingerprint)")
          .orElse("client secret removed (public client)"));
    }
    uri(changed, "token endpoint", Optional.of(before.tokenEndpoint()), Optional.of(after.tokenEndpoint()));
    uri(changed, "authorization endpoint", before.authorizationEndpoint(), after.authorizationEndpoint());
    uri(changed, "revocation endpoint", before.revocationEndpoint(), after.revocationEndpoint());
    uri(changed, "userinfo endpoint", before.userinfoEndpoint(), after.userinfoEndpoint());
    uri(changed, "device authorization endpoint", before.deviceAuthorizationEndpoint(),
        after.deviceAuthorizationEndpoint());
    uri(changed, "redirect URI", before.redirectUri(), after.redirectUri());
    if (!before.smtpHost().equals(after.smtpHost()) || before.smtpPort() != after.smtpPort()) {
      changed.add("SMTP server " + after.smtpHost().orElse("(none)") + ":" + after.smtpPort());
    }
    if (!before.smtpSecurity().equals(after.smtpSecurity())) {
      changed.add("SMTP security " + after.smtpSecurity().orElse("auto (from the port)"));
    }
    if (!before.sasl().equals(after.sasl())) {
      changed.add("SASL " + after.sasl().orElse("auto (from EHLO)"));
    }
    if (!before.scopes().equals(after.scopes())) {
      changed.add("scopes " + String.join(" ", after.scopes()));
    }
    return changed;
  }

  private static void uri(List<String> changed, String what, Optional<?> before, Optional<?> after) {
    if (!before.equals(after)) {
      changed.add(what + " " + after.map(Object::toString).orElse("(none)"));
    }
  }
}
