package dev.mailtoken.testkit;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code AUTH} command on a {@link SmtpSession}: reads the initial response from the AUTH line
 * or after an empty {@code 334 } challenge, checks the bearer token with {@link SmtpAccess}, and
 * answers in the session's style (Gmail: {@code 334 <base64 JSON>}, then 535 after the client's
 * empty / {@code \x01} answer; Exchange: 535 at once). XOAUTH2 and OAUTHBEARER must be among the
 * emulator's advertised mechanisms, else {@code 504}. Records one {@link AuthAttempt}. Used once,
 * on the session's thread.
 */
final class SmtpAuthExchange {
  private static final String LOGIN_USERNAME = "334 VXNlcm5hbWU6";
  private static final String LOGIN_PASSWORD = "334 UGFzc3dvcmQ6";

  private final SmtpSession session;
  private final SmtpReplies replies;
  private String mechanism = "";

  SmtpAuthExchange(SmtpSession session) {
    this.session = session;
    this.replies = session.replies;
  }

  /** Runs the exchange; false when the connection must close. */
  boolean run(String argument) throws IOException, InterruptedException {
    int space = argument.indexOf(' ');
    mechanism = (space < 0 ? argument : argument.substring(0, space)).toUpperCase(Locale.ROOT);
    String initial = space < 0 ? null : argument.substring(space + 1).trim();
    boolean bearer = mechanism.equals("XOAUTH2") || mechanism.equals("OAUTHBEARER");
    if (bearer && !session.emulator.settings().offers(mechanism)) {
      return finish("", "", false, replies.unknownMechanism());
    }
    if (session.emulator.faults().takeDropDuringAuth()) {
      return dropped(initial);
    }
    switch (mechanism) {
      case "XOAUTH2":
        return bearer(initial, false);
      case "OAUTHBEARER":
        return bearer(initial, true);
      case "PLAIN":
        return plain(initial);
      case "LOGIN":
        return login(initial);
      default:
        return finish("", "", false, replies.unknownMechanism());
    }
  }

  /** {@link SmtpFaults#dropDuringAuth}: records the attempt (no reply) and ends the connection without answering. */
  private boolean dropped(String initial) {
    SaslResponse response = new SaslResponse("", "");
    Optional<String> decoded = initial == null ? Optional.empty() : SaslResponse.decode(initial);
    if (decoded.isPresent()) {
      response = mechanism.equals("OAUTHBEARER") ? SaslResponse.oauthBearer(decoded.get())
          : SaslResponse.xoauth2(decoded.get());
    }
    session.emulator.attempted(new AuthAttempt(mechanism, response.user(), response.token(), false, ""));
    return false;
  }

  /** The initial response sent with AUTH, else the line after an empty {@code 334}; null if the client left. */
  private String initialResponse(String initial) throws IOException, InterruptedException {
    if (initial != null) {
      return initial;
    }
    session.reply("334 ");
    return session.readSaslLine();
  }

  private boolean bearer(String initial, boolean oauthBearer) throws IOException, InterruptedException {
    String encoded = initialResponse(initial);
    if (encoded == null) {
      return false;
    }
    if (encoded.equals("*")) {
      return finish("", "", false, replies.cancelled());
    }
    // RFC 4954: "=" is a zero-length initial response (which carries no token, so it is rejected).
    Optional<String> decoded = encoded.equals("=") ? Optional.of("") : SaslResponse.decode(encoded);
    if (decoded.isEmpty()) {
      return finish("", "", false, replies.cannotDecode());
    }
    SaslResponse response = oauthBearer ? SaslResponse.oauthBearer(decoded.get()) : SaslResponse.xoauth2(decoded.get());
    SmtpAccess.Verdict verdict = session.emulator.access().check(response, !oauthBearer);
    switch (verdict.kind()) {
      case ACCEPTED:
        session.user = response.user().isEmpty() ? verdict.user() : response.user();
        session.mechanism = mechanism;
        session.slot = verdict.user();
        session.expiresAt = verdict.expiresAt();
        finish(response.user(), response.token(), true, replies.accepted());
        return !session.emulator.faults().takeDropAfterAuth();
      case TENANT_DISABLED:
        return finish(response.user(), response.token(), false, replies.smtpAuthDisabled(true));
      case MAILBOX_DISABLED:
        return finish(response.user(), response.token(), false, replies.smtpAuthDisabled(false));
      case TOO_MANY_CONNECTIONS:
        return finish(response.user(), response.token(), false, replies.tooManyConnections());
      default:
        return rejected(response, oauthBearer, encoded);
    }
  }

  private boolean rejected(SaslResponse response, boolean oauthBearer, String sent)
      throws IOException, InterruptedException {
    if (replies.gmail()) {
      // T-C-01: Gmail challenges with a JSON error; the client must answer (empty line / \x01)
      // before it gets the 535. Whatever it answers, the exchange fails.
      SmtpFaults faults = session.emulator.faults();
      session.reply(replies.failureChallenge(oauthBearer, faults.documentedFailureJson()));
      if (session.readSaslLine() == null) {
        return false;
      }
      if (faults.takeTooManyLoginAttempts()) {
        return finish(response.user(), response.token(), false, replies.tooManyLoginAttempts());
      }
    }
    return finish(response.user(), response.token(), false,
        session.emulator.faults().refusal(replies.badCredentials(), sent));
  }

  private boolean plain(String initial) throws IOException, InterruptedException {
    String encoded = initialResponse(initial);
    if (encoded == null) {
      return false;
    }
    String[] parts = SaslResponse.decode(encoded).orElse("").split("\u0000", -1);
    return finish(parts.length == 3 ? parts[1] : "", "", false, replies.passwordRejected());
  }

  private boolean login(String initial) throws IOException, InterruptedException {
    String username = initial;
    if (username == null) {
      session.reply(LOGIN_USERNAME);
      username = session.readSaslLine();
    }
    if (username == null) {
      return false;
    }
    session.reply(LOGIN_PASSWORD);
    if (session.readSaslLine() == null) {
      return false;
    }
    return finish(SaslResponse.decode(username).orElse(""), "", false, replies.passwordRejected());
  }

  /** Sends the final reply and records the attempt. Always true (the connection stays open). */
  private boolean finish(String user, String token, boolean accepted, String reply)
      throws IOException, InterruptedException {
    String[] lines = reply.split("\r\n");
    session.emulator.attempted(new AuthAttempt(mechanism, user, token, accepted, lines[lines.length - 1]));
    return session.reply(reply);
  }
}
