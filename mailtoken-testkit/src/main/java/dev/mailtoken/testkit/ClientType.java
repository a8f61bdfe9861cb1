package dev.mailtoken.testkit;

/** The kind of OAuth2 client (app) registered at the emulator. */
public enum ClientType {
  /** A web app with a client secret and registered redirect URIs (exact match). */
  CONFIDENTIAL,
  /** A public client: no secret (Microsoft rejects one if sent, AADSTS700025). */
  PUBLIC,
  /**
   * Google's "Desktop app": any loopback redirect on any port is accepted, a refresh token is
   * always issued, and its secret (if registered) is checked but "not treated as a secret".
   */
  DESKTOP
}
