package dev.mailtoken.mail;

import java.net.URI;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link GmailApi}; every option has a default and may be set once (a second call fails
 * naming the option); values coming from {@link GmailApi#toBuilder()} may each be replaced once.
 * Not thread-safe; the built transport is.
 */
public final class GmailApiBuilder {
  URI baseUri = GmailApi.GOOGLE;
  private final Set<String> set = new HashSet<>();

  GmailApiBuilder() {
  }

  /** Where the API lives; default {@code https://gmail.googleapis.com} (tests: the provider emulator's base URI). */
  public GmailApiBuilder baseUri(URI baseUri) {
    if (!set.add("baseUri")) {
      throw new IllegalStateException("baseUri was already set on this GmailApi builder");
    }
    this.baseUri = ApiUris.checked(Objects.requireNonNull(baseUri, "baseUri"));
    return this;
  }

  public GmailApi build() {
    return new GmailApi(baseUri);
  }
}
