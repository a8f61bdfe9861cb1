package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and bearer token a client sent in an XOAUTH2 or OAUTHBEARER initial response. Immutable.
 * Holds a token: never log it.
 *
 * @param user the named user ({@code user=} / authzid {@code a=}); empty if none was named
 * @param token the bearer token; empty if the response had none
 */
record SaslResponse(String user, String token) {

  /** Decodes standard base64 (RFC 4648, no whitespace); empty if it is not valid base64. */
  static Optional<String> decode(String base64) {
    try {
      return Optional.of(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code user=<u>\x01auth=Bearer <t>\x01\x01} (Google's XOAUTH2); missing parts come back empty. */
  static SaslResponse xoauth2(String decoded) {
    String user = "";
    String token = "";
    for (String pair : decoded.split("\u0001")) {
      if (pair.startsWith("user=")) {
        user = pair.substring("user=".length());
      } else if (pair.startsWith("auth=")) {
        token = bearer(pair.substring("auth=".length()));
      }
    }
    return new SaslResponse(user, token);
  }

  /**
   * RFC 7628: a GS2 header {@code n,a=<u>,} (or {@code n,,}, {@code y,,}), then {@code \x01}-separated
   * key=value pairs, one of them {@code auth=Bearer <t>}. An unparseable header yields empty parts.
   */
  static SaslResponse oauthBearer(String decoded) {
    int headerEnd = decoded.indexOf('\u0001');
    String header = headerEnd < 0 ? decoded : decoded.substring(0, headerEnd);
    String[] gs2 = header.split(",", -1);
    if (gs2.length < 2 || !(gs2[0].equals("n") || gs2[0].equals("y") || gs2[0].startsWith("p="))) {
      return new SaslResponse("", "");
    }
    String user = gs2[1].startsWith("a=") ? gs2[1].substring(2).replace("=2C", ",").replace("=3D", "=") : "";
    String token = "";
    if (headerEnd >= 0) {
      for (String pair : decoded.substring(headerEnd + 1).split("\u0001")) {
        if (pair.startsWith("auth=")) {
          token = bearer(pair.substring("auth=".length()));
        }
      }
    }
    return new SaslResponse(user, token);
  }

  private static String bearer(String value) {
    return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : "";
  }

  @Override
  public String toString() {
    return "SaslResponse[user=" + user + ", token=" + (token.isEmpty() ? "" : TokenValues.fingerprint(token)) + "]";
  }
}
