package dev.mailtoken.oauth;

import java.net.URI;

/** Where a request goes and for whom: for messages and logs. */
record Target(String provider, URI endpoint, String account) {
  /** " for user@example.com", or "" when the account is unknown. */
  String who() {
    return account == null ? "" : " for " + account;
  }
}
