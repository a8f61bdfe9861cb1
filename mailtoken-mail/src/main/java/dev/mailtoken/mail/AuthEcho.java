package dev.mailtoken.mail;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what a mail server repeats of an AUTH exchange: some servers' diagnostics echo the
 * client's base64 response, or the bearer token inside it, in the {@code 535} reply, and that
 * reply reaches exception messages, logs and Jakarta Mail's debug output. Every occurrence of a
 * secret, and every run of token characters that shares 16 or more characters with one (a
 * truncated echo, or one the server ran into other text), becomes {@code <redacted>}. Stateless.
 */
final class AuthEcho {
  static final String REDACTED = "<redacted>";
  /** How long a shared piece must be to count as an echo. */
  private static final int PIECE = 16;
  /** The characters of bearer tokens (RFC 6750 b64token), base64 and base64url. */
  private static final Pattern RUN = Pattern.compile("[A-Za-z0-9._~+/=-]{" + PIECE + ",}");

  private AuthEcho() {
  }

  /** {@code reply} with every trace of {@code secrets} replaced; null stays null. */
  static String mask(String reply, Collection<String> secrets) {
    if (reply == null || secrets.isEmpty()) {
      return reply;
    }
    String masked = reply;
    for (String secret : secrets) {
      if (secret.length() >= 8) {
        masked = masked.replace(secret, REDACTED);
      }
    }
    Matcher m = RUN.matcher(masked);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(sharesAPiece(run, secrets) ? REDACTED : run));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean sharesAPiece(String run, Collection<String> secrets) {
    for (int i = 0; i + PIECE <= run.length(); i++) {
      String piece = run.substring(i, i + PIECE);
      for (String secret : secrets) {
        if (secret.contains(piece)) {
          return true;
        }
      }
    }
    return false;
  }
}
