package dev.mailtoken.server.app;

import dev.mailtoken.store.ProviderKind;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The app form of the admin pages, as submitted: the fields of {@code POST /v1/apps} as text,
 * blank meaning none, scopes separated by spaces. Turns into a {@link NewApp}, or into the
 * {@link AppPatch} that changes an app to what the form shows (a field equal to the stored value
 * is left out, a blank one removes it, the client secret is replaced only when one is typed).
 */
final class AppForm {
  /** The text fields, in form order (the client secret is not among them: it is never shown). */
  static final List<String> FIELDS = List.of("name", "provider", "tenant", "issuer", "tokenEndpoint",
      "authorizationEndpoint", "revocationEndpoint", "userinfoEndpoint", "clientId", "redirectUri", "scopes",
      "smtpHost", "smtpPort");

  private final Map<String, String> values;
  private final Optional<String> clientSecret;
  private final boolean removeClientSecret;

  AppForm(Function<String, String> param) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String f : FIELDS) {
      v.put(f, Objects.requireNonNullElse(param.apply(f), "").trim());
    }
    this.values = Map.copyOf(v);
    this.clientSecret = Optional.ofNullable(param.apply("clientSecret")).filter(s -> !s.isEmpty());
    this.removeClientSecret = "on".equals(param.apply("removeClientSecret"));
  }

  /** The form filled in with {@code app}, for the edit page. */
  static Map<String, String> valuesOf(AppView app) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", app.name());
    v.put("provider", app.provider().name());
    v.put("tenant", app.tenant().orElse(""));
    v.put("issuer", app.issuer().map(URI::toString).orElse(""));
    v.put("tokenEndpoint", app.tokenEndpoint().toString());
    v.put("authorizationEndpoint", app.authorizationEndpoint().map(URI::toString).orElse(""));
    v.put("revocationEndpoint", app.revocationEndpoint().map(URI::toString).orElse(""));
    v.put("userinfoEndpoint", app.userinfoEndpoint().map(URI::toString).orElse(""));
    v.put("clientId", app.clientId());
    v.put("redirectUri", app.redirectUri().map(URI::toString).orElse(""));
    v.put("scopes", String.join(" ", app.scopes()));
    v.put("smtpHost", app.smtpHost().orElse(""));
    v.put("smtpPort", Integer.toString(app.smtpPort()));
    return v;
  }

  /** What was typed (never the client secret), to show the form again after a mistake. */
  Map<String, String> values() {
    return values;
  }

  /** @throws IllegalArgumentException naming the field that is missing or malformed */
  NewApp toNewApp() {
    ProviderKind provider;
    try {
      provider = ProviderKind.valueOf(values.get("provider").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("provider must be one of GOOGLE, MICROSOFT, OIDC, CUSTOM");
    }
    return new NewApp(values.get("name"), provider, text("tenant"), uri("issuer"), uri("tokenEndpoint"),
        uri("authorizationEndpoint"), uri("revocationEndpoint"), uri("userinfoEndpoint"), values.get("clientId"),
        clientSecret, uri("redirectUri"), scopes(), text("smtpHost"), port());
  }

  /** The change from {@code current} to this form. @throws IllegalArgumentException for a malformed field */
  AppPatch toPatch(AppView current) {
    Map<String, String> now = valuesOf(current);
    return new AppPatch(change(now, "tenant", Function.identity()), change(now, "issuer", AppForm::toUri),
        change(now, "tokenEndpoint", AppForm::toUri), change(now, "authorizationEndpoint", AppForm::toUri),
        change(now, "revocationEndpoint", AppForm::toUri), change(now, "userinfoEndpoint", AppForm::toUri),
        change(now, "clientId", Function.identity()),
        removeClientSecret ? Optional.empty() : clientSecret.isPresent() ? clientSecret : null,
        change(now, "redirectUri", AppForm::toUri), change(now, "scopes", AppForm::toScopes),
        change(now, "smtpHost", Function.identity()), change(now, "smtpPort", AppForm::toPort));
  }

  private <T> Optional<T> change(Map<String, String> now, String field, Function<String, T> parse) {
    String typed = values.get(field);
    if (typed.equals(now.get(field))) {
      return null;   // left out: unchanged (AppPatch's merge-patch convention)
    }
    return typed.isEmpty() ? Optional.empty() : Optional.of(parse.apply(typed));
  }

  private Optional<String> text(String field) {
    return nonBlank(values.get(field));
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  private Optional<URI> uri(String field) {
    return text(field).map(AppForm::toUri);
  }

  private List<String> scopes() {
    return text("scopes").map(AppForm::toScopes).orElse(List.of());
  }

  private Optional<Integer> port() {
    return text("smtpPort").map(AppForm::toPort);
  }

  private static URI toUri(String s) {
    try {
      URI u = URI.create(s);
      if (!u.isAbsolute()) {
        throw new IllegalArgumentException("not absolute");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not an absolute URL such as https://example.com/token");
    }
  }

  private static List<String> toScopes(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
  }

  private static Integer toPort(String s) {
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("smtpPort must be a whole number from 1 to 65535");
    }
  }
}
