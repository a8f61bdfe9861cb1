package dev.mailtoken.mail;

import java.net.URI;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link GraphApi}; every option has a default and may be set once (a second call fails
 * naming the option); values coming from {@link GraphApi#toBuilder()} may each be replaced once.
 * Not thread-safe; the built transport is.
 */
public final class GraphApiBuilder {
  URI baseUri = GraphApi.MICROSOFT;
  boolean perUserPath;
  private final Set<String> set = new HashSet<>();

  GraphApiBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this GraphApi builder");
    }
  }

  /**
   * Sends with {@code /v1.0/users/{account}/sendMail} instead of {@code /me/sendMail}: needed for
   * app-only tokens (client credentials with {@code Mail.Send} application permission), where
   * there is no "me". Default false.
   */
  public GraphApiBuilder perUserPath(boolean perUserPath) {
    once("perUserPath");
    this.perUserPath = perUserPath;
    return this;
  }

  /** Where Graph lives; default {@code https://graph.microsoft.com} (tests: the provider emulator's base URI). */
  public GraphApiBuilder baseUri(URI baseUri) {
    once("baseUri");
    this.baseUri = ApiUris.checked(Objects.requireNonNull(baseUri, "baseUri"));
    return this;
  }

  public GraphApi build() {
    return new GraphApi(baseUri, perUserPath);
  }
}
