package dev.mailtoken.testkit;

/** The emulator's endpoints, for fault injection and request counting. */
public enum Endpoint {
  AUTHORIZE,
  TOKEN,
  REVOKE,
  DISCOVERY,
  DEVICE,
  USERINFO,
  JWKS,
  /** Gmail API {@code POST /gmail/v1/users/{userId}/messages/send}. */
  GMAIL_SEND,
  /** Microsoft Graph {@code POST /v1.0/me/sendMail} and {@code /v1.0/users/{id}/sendMail}. */
  GRAPH_SEND_MAIL,
  /** Any path the emulator does not serve (answered with 404). */
  OTHER
}
