package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.RefreshState;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.store.StoredApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plain-words explanations behind {@code mailtoken doctor}: each classic failure recognised from
 * an account's scopes, its last error, or a fresh refresh attempt. Stateless.
 */
final class Diagnoses {
  static final String GMAIL_FULL = "https://mail.google.com/";
  static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";
  /** How the store words a grant that died after a refresh whose answer was lost. */
  static final String INTERRUPTED = "a refresh was interrupted at";

  private Diagnoses() {
  }

  /** Scope problems visible without any network. */
  static Optional<Finding> scopes(StoredApp app, StoredAccount account) {
    List<String> granted = account.grantedScopes();
    String topic = account.address();
    switch (app.kind()) {
      case GOOGLE:
        if (!granted.contains(GMAIL_FULL) && granted.stream().anyMatch(s -> s.endsWith("gmail.send"))) {
          return Optional.of(Finding.warning(topic, "the token has gmail.send but not " + GMAIL_FULL,
              "Gmail's SMTP server accepts XOAUTH2 only with the full scope " + GMAIL_FULL + "; gmail.send works"
                  + " only with the Gmail API, so SMTP answers 535 5.7.8 with {\"status\":\"400\",...}",
              "send with --transport gmail-api, or add the scope (mailtoken apps add ... --scope " + GMAIL_FULL
                  + ") and run mailtoken authorize again"));
        }
        if (!granted.contains(GMAIL_FULL) && account.kind() == GrantKind.REFRESH_TOKEN) {
          return Optional.of(Finding.warning(topic, "the token lacks " + GMAIL_FULL,
              "without it Gmail's SMTP and the Gmail API refuse to send",
              "run mailtoken authorize again and tick every permission"));
        }
        break;
      case MICROSOFT:
        if (granted.stream().noneMatch(s -> s.toLowerCase(Locale.ROOT).endsWith("smtp.send")
            || s.toLowerCase(Locale.ROOT).endsWith("mail.send"))) {
          return Optional.of(Finding.warning(topic, "the token has neither SMTP.Send nor Mail.Send",
              "Exchange Online needs https://outlook.office.com/SMTP.Send for SMTP (Graph needs Mail.Send)",
              "add the scope to the app and run mailtoken authorize again"));
        }
        break;
      default:
        break;
    }
    return Optional.empty();
  }

  /** Explains a failure text (the stored last error, or a fresh refresh's message). */
  static Optional<Finding> failureText(StoredApp app, StoredAccount account, String text, Instant now) {
    String t = text.toLowerCase(Locale.ROOT);
    String topic = account.address();
    if (t.contains("5.7.139")) {
      return Optional.of(Finding.problem(topic, "Microsoft refused SMTP AUTH (535 5.7.139)",
          "SMTP AUTH (client submission) is disabled for this mailbox or for the whole tenant; it is off by"
              + " default in newer tenants and security defaults turn it off",
          ResourceConsent.graphSteps(app, account)));
    }
    if (t.contains("unauthorized_client") && account.kind() == GrantKind.SERVICE_ACCOUNT) {
      return Optional.of(delegationNotGranted(topic, "the service account's client id", account.grantedScopes()));
    }
    if (t.contains("redirect_uri_mismatch") || t.contains("aadsts50011")) {
      return Optional.of(Finding.problem(topic, "the provider rejected the redirect URI",
          "mailtoken listens on http://127.0.0.1:<random port>/callback; only some client types accept that",
          "Google: use an OAuth client of type \"Desktop app\"; Microsoft: add the platform \"Mobile and desktop"
              + " applications\" with http://localhost/callback; or register a fixed URI (apps add --redirect-uri)"));
    }
    if (t.contains("invalid_client")) {
      return Optional.of(Finding.problem(topic, "the provider does not accept the app's client id or secret",
          "the secret was rotated or mistyped, or the client was deleted",
          "remove and add the app again with the current secret (mailtoken apps add ... --client-secret-file F)"));
    }
    int interrupted = text.indexOf(INTERRUPTED);
    if (interrupted >= 0) {
      return Optional.of(Finding.problem(topic, text.substring(interrupted).replaceAll("\\.$", ""),
          "the provider rotates refresh tokens and revokes the whole family when an old one comes back; the answer to"
              + " that refresh, with the new refresh token, was never stored (the process was killed, or the answer"
              + " came after MAILTOKEN_HTTP_COMPLETION_TIMEOUT), so the next refresh presented the old one",
          "mailtoken authorize --app " + app.name() + " --account " + account.address()
              + "; raise MAILTOKEN_HTTP_COMPLETION_TIMEOUT if the provider is often slow"));
    }
    if (t.contains("invalid_grant") || t.contains("expired or revoked") || t.contains("aadsts70008")) {
      return Optional.of(invalidGrant(app, account, now));
    }
    return Optional.empty();
  }

  /**
   * Google's {@code unauthorized_client} for a service account acting as a mailbox: domain-wide
   * delegation is missing for its client id or for one of the scopes.
   *
   * @param clientId the numeric client id when known, else a description of where to find it
   */
  static Finding delegationNotGranted(String topic, String clientId, List<String> scopes) {
    String asked = scopes.isEmpty() ? GMAIL_FULL : String.join(",", scopes);
    return Finding.problem(topic, "Google refused the service account (unauthorized_client)",
        "domain-wide delegation was not granted for this service account's client id and these scopes, or not"
            + " yet propagated (it can take up to 24 h)",
        "a Workspace admin adds client id " + clientId + " with scopes " + asked + " at admin.google.com >"
            + " Security > Access and data control > API controls > Manage domain-wide delegation");
  }

  /**
   * What the shared refresh state says, without any network: a refresh in flight, one whose answer
   * was lost, the backoff every process honours.
   */
  static List<Finding> refreshState(StoredApp app, StoredAccount account, RefreshState r, Instant now) {
    List<Finding> out = new java.util.ArrayList<>();
    String topic = account.address();
    if (r.refreshingAt(now)) {
      out.add(Finding.ok(topic, "a refresh by " + r.claimOwner().orElse("another process") + " is in flight since "
          + r.claimedAt().orElseThrow() + " (lease until " + r.leaseUntil().orElseThrow() + ")"));
    }
    Optional<Instant> lost = r.abandonedAt(now) ? r.claimedAt() : r.interruptedAt();
    if (lost.isPresent() && account.health() == dev.mailtoken.token.AccountHealth.HEALTHY) {
      out.add(Finding.warning(topic, "a refresh sent at " + lost.get() + " never got its answer stored (process crash"
          + " or timeout)", "if the provider rotated the refresh token then, the stored one is retired and the next"
          + " refresh fails", "mailtoken doctor " + topic + " --refresh finds out now; if it fails, mailtoken authorize"
          + " --app " + app.name() + " --account " + topic));
    }
    if (r.backingOffAt(now)) {
      out.add(Finding.warning(topic, "refresh failing: " + r.failures() + " failure(s) in a row; no process sends a"
          + " token request before " + r.nextAttemptAt().orElseThrow(), "every process sharing the store backs off"
          + " together (exponential backoff, or the provider's Retry-After)" + account.lastError().map(e -> "; last"
          + " error: " + e).orElse(""), "wait until " + r.nextAttemptAt().orElseThrow() + ", then mailtoken doctor "
          + topic + " --refresh"));
    }
    return out;
  }

  /** Explains an exception from a refresh attempt. */
  static Finding refreshFailure(StoredApp app, StoredAccount account, MailtokenException e, Instant now) {
    String text = e.getMessage() + " " + e.oauthError().map(OAuthError::summary).orElse("");
    if (e instanceof ReauthorizationRequiredException) {
      return invalidGrant(app, account, now);
    }
    return failureText(app, account, text, now).orElse(Finding.problem(account.address(), "refresh failed: "
        + e.getMessage(), e.isTransient() ? "the provider or the network failed; this may pass" : "",
        e.isTransient() ? "try again later" : "see the message; mailtoken authorize again if it persists"));
  }

  private static Finding invalidGrant(StoredApp app, StoredAccount account, Instant now) {
    Duration age = Duration.between(account.createdAt(), now);
    boolean aboutAWeek = age.compareTo(Duration.ofDays(6)) >= 0 && age.compareTo(Duration.ofDays(9)) <= 0;
    if (app.kind() == dev.mailtoken.store.ProviderKind.GOOGLE && aboutAWeek) {
      return Finding.problem(account.address(), "the refresh token died about 7 days after consent (invalid_grant)",
          "Google expires refresh tokens after 7 days while the app's OAuth consent screen is in \"Testing\""
              + " publishing status (for scopes other than openid/email/profile)",
          "in Google Cloud Console > OAuth consent screen, press \"Publish app\" (In production), then run"
              + " mailtoken authorize --app " + app.name() + " --account " + account.address());
    }
    return Finding.problem(account.address(), "the refresh token is dead (invalid_grant)",
        "the user revoked access, changed the password (Gmail with mail scopes), the token was unused too long,"
            + " or a rotated token was reused",
        "mailtoken authorize --app " + app.name() + " --account " + account.address());
  }
}
