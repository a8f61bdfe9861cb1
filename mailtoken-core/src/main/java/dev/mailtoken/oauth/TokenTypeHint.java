package dev.mailtoken.oauth;

/** Which kind of token is being revoked (RFC 7009 {@code token_type_hint}). */
public enum TokenTypeHint {
  ACCESS_TOKEN("access_token"),
  REFRESH_TOKEN("refresh_token");

  private final String wireName;

  TokenTypeHint(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
