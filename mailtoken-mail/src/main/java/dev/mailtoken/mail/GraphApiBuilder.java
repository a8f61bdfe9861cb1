package dev.mailtoken.mail;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
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
  List<String> scopes = List.of(GraphApi.MAIL_SEND);
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

  /**
   * The scopes of the Graph tokens to ask the token manager for; default
   * {@code [https://graph.microsoft.com/Mail.Send]}. An empty list uses the account's own token:
   * right for an account whose own token is already a Graph token (a callback or fixed grant
   * serving Graph, or an app authorized for Graph alone).
   *
   * @throws IllegalArgumentException for a blank scope or one containing white space
   */
  public GraphApiBuilder scopes(List<String> scopes) {
    once("scopes");
    for (String s : Objects.requireNonNull(scopes, "scopes")) {
      if (Objects.requireNonNull(s, "scope").isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a scope must be non-blank and contain no spaces, got \"" + s + "\"");
      }
    }
    this.scopes = List.copyOf(scopes);
    return this;
  }

  public GraphApi build() {
    return new GraphApi(baseUri, perUserPath, scopes);
  }
}
