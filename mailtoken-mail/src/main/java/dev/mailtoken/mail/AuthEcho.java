package dev.mailtoken.mail;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what a mail server repeats of an AUTH exchange: some servers' diagnostics echo the
 * client's base64 response, or the bearer token inside it, in the {@code 535} reply, and that
 * reply reaches exception messages, logs and Jakarta Mail's debug output. Every occurrence of a
 * secret, and every run of 16 or more token characters that is part of one (a truncated echo),
 * becomes {@code <redacted>}. Stateless.
 */
final class AuthEcho {
  static final String REDACTED = "<redacted>";
  /** The characters of bearer tokens (RFC 6750 b64token), base64 and base64url. */
  private static final Pattern RUN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,}");

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
      boolean part = secrets.stream().anyMatch(s -> s.contains(run));
      m.appendReplacement(out, Matcher.quoteReplacement(part ? REDACTED : run));
    }
    m.appendTail(out);
    return out.toString();
  }
}
