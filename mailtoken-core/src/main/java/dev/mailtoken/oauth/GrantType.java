package dev.mailtoken.oauth;

/** The token-endpoint requests this package sends; decides how an {@code invalid_grant} is read. */
enum GrantType {
  AUTHORIZATION_CODE("authorization_code", "code exchange"),
  REFRESH_TOKEN("refresh_token", "refresh"),
  DEVICE_AUTHORIZATION(null, "device authorization request"),
  DEVICE_CODE(DeviceGrant.GRANT_TYPE, "device-code poll"),
  JWT_BEARER("urn:ietf:params:oauth:grant-type:jwt-bearer", "service-account token request"),
  CLIENT_CREDENTIALS("client_credentials", "client-credentials token request"),
  REVOCATION(null, "revocation"),
  USERINFO(null, "userinfo request"),
  DISCOVERY(null, "discovery");

  private final String wireName;
  private final String description;

  GrantType(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  /** The {@code grant_type} value; null for requests that are not grants. */
  String wireName() {
    return wireName;
  }

  /** Words for messages: "refresh", "code exchange". */
  String description() {
    return description;
  }
}
