package dev.mailtoken.testkit;

import java.net.URI;

/**
 * The emulator's URL layout for one mode, and the reverse mapping from a request path to an
 * {@link Endpoint} (plus the Microsoft tenant). Immutable.
 */
record Paths(EmulatorMode mode, URI base, String defaultTenant) {
  private static final String MS_PREFIX = "/oauth2/v2.0/";

  /** An incoming path resolved: the endpoint and, in Microsoft mode, the tenant segment (else null). */
  record Route(Endpoint endpoint, String tenant) {}

  URI issuer(String tenant) {
    return mode == EmulatorMode.MICROSOFT ? at("/" + tenant + "/v2.0") : base;
  }

  URI authorize(String tenant) {
    return switch (mode) {
      case GOOGLE -> at("/o/oauth2/v2/auth");
      case MICROSOFT -> at("/" + tenant + MS_PREFIX + "authorize");
      case GENERIC -> at("/authorize");
    };
  }

  URI token(String tenant) {
    return mode == EmulatorMode.MICROSOFT ? at("/" + tenant + MS_PREFIX + "token") : at("/token");
  }

  URI revoke() {
    return at("/revoke");
  }

  URI discovery(String tenant) {
    return mode == EmulatorMode.MICROSOFT
        ? at("/" + tenant + "/v2.0/.well-known/openid-configuration")
        : at("/.well-known/openid-configuration");
  }

  URI device(String tenant) {
    return switch (mode) {
      case GOOGLE -> at("/device/code");
      case MICROSOFT -> at("/" + tenant + MS_PREFIX + "devicecode");
      case GENERIC -> at("/device_authorization");
    };
  }

  URI userinfo() {
    return at("/userinfo");
  }

  URI jwks() {
    return at("/jwks");
  }

  private URI at(String path) {
    return URI.create(base + path);
  }

  /** The Gmail API send URL for {@code userId} ({@code me} or an address). */
  URI gmailSend(String userId) {
    return at("/gmail/v1/users/" + userId + "/messages/send");
  }

  /** The Graph sendMail URL: {@code /v1.0/me/sendMail} for null, else {@code /v1.0/users/{id}/sendMail}. */
  URI graphSendMail(String userIdOrUpn) {
    return at(userIdOrUpn == null ? "/v1.0/me/sendMail" : "/v1.0/users/" + userIdOrUpn + "/sendMail");
  }

  /** Maps a request path to its endpoint; unknown paths (and /revoke in Microsoft mode) → OTHER. */
  Route route(String path) {
    if (path.startsWith("/gmail/v1/users/") && path.endsWith("/messages/send")) {
      return new Route(Endpoint.GMAIL_SEND, null);
    }
    if (path.equals("/v1.0/me/sendMail") || (path.startsWith("/v1.0/users/") && path.endsWith("/sendMail"))) {
      return new Route(Endpoint.GRAPH_SEND_MAIL, null);
    }
    if (path.equals("/userinfo")) {
      return new Route(Endpoint.USERINFO, null);
    }
    if (path.equals("/jwks")) {
      return new Route(Endpoint.JWKS, null);
    }
    if (mode == EmulatorMode.MICROSOFT) {
      return microsoftRoute(path);
    }
    switch (path) {
      case "/token":
      case "/o/oauth2/token":
        return new Route(Endpoint.TOKEN, null);
      case "/revoke":
      case "/o/oauth2/revoke":
        return new Route(Endpoint.REVOKE, null);
      case "/.well-known/openid-configuration":
      case "/.well-known/oauth-authorization-server":
        return new Route(Endpoint.DISCOVERY, null);
      default:
        break;
    }
    if (mode == EmulatorMode.GOOGLE) {
      if (path.equals("/o/oauth2/v2/auth") || path.equals("/o/oauth2/auth")) {
        return new Route(Endpoint.AUTHORIZE, null);
      }
      if (path.equals("/device/code")) {
        return new Route(Endpoint.DEVICE, null);
      }
    } else {
      if (path.equals("/authorize")) {
        return new Route(Endpoint.AUTHORIZE, null);
      }
      if (path.equals("/device_authorization")) {
        return new Route(Endpoint.DEVICE, null);
      }
    }
    return new Route(Endpoint.OTHER, null);
  }

  private static Route microsoftRoute(String path) {
    int slash = path.indexOf('/', 1);
    if (slash < 0) {
      return new Route(Endpoint.OTHER, null);
    }
    String tenant = path.substring(1, slash);
    String rest = path.substring(slash);
    switch (rest) {
      case MS_PREFIX + "authorize":
        return new Route(Endpoint.AUTHORIZE, tenant);
      case MS_PREFIX + "token":
        return new Route(Endpoint.TOKEN, tenant);
      case MS_PREFIX + "devicecode":
        return new Route(Endpoint.DEVICE, tenant);
      case "/v2.0/.well-known/openid-configuration":
        return new Route(Endpoint.DISCOVERY, tenant);
      default:
        return new Route(Endpoint.OTHER, null);
    }
  }
}
