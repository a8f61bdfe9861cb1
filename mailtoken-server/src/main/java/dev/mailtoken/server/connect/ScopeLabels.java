package dev.mailtoken.server.connect;

import java.util.Map;

/** What the well-known scopes let the app do, in the words a consent screen uses. Stateless. */
final class ScopeLabels {
  private static final Map<String, String> LABELS = Map.of(
      "https://mail.google.com/", "Read, compose, send and permanently delete all your email from Gmail",
      "https://www.googleapis.com/auth/gmail.send", "Send email on your behalf",
      "https://outlook.office.com/SMTP.Send", "Send email as you (SMTP)",
      "https://graph.microsoft.com/Mail.Send", "Send mail as you",
      "Mail.Send", "Send mail as you",
      "offline_access", "Maintain access to data you have given it access to (stay connected)",
      "email", "See your primary email address",
      "openid", "Associate you with your personal info",
      "profile", "See your personal info");

  private ScopeLabels() {
  }

  /** "label (scope)" for a known scope, else the scope itself. */
  static String of(String scope) {
    String label = LABELS.get(scope);
    return label == null ? scope : label + " (" + scope + ")";
  }
}
