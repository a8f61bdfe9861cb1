package dev.mailtoken.testkit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail transaction of one {@link SmtpSession}: envelope and content collected by DATA or BDAT
 * chunks, capped at the advertised SIZE. Not thread-safe: used on the session's thread only.
 */
final class SmtpTransaction {
  private final long maxSize;
  private String from;
  private final List<String> recipients = new ArrayList<>();
  private final ByteArrayOutputStream content = new ByteArrayOutputStream();
  private boolean tooBig;

  SmtpTransaction(long maxSize) {
    this.maxSize = maxSize;
  }

  /** The address in {@code FROM:<a> params} / {@code TO:<a>}; null on a syntax error. */
  static String address(String argument, String prefix) {
    if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return null;
    }
    String rest = argument.substring(prefix.length()).trim();
    int close = rest.indexOf('>');
    if (!rest.startsWith("<") || close < 0) {
      return null;
    }
    return rest.substring(1, close);
  }

  boolean started() {
    return from != null;
  }

  void begin(String envelopeFrom) {
    from = envelopeFrom;
  }

  void addRecipient(String address) {
    recipients.add(address);
  }

  boolean hasRecipients() {
    return !recipients.isEmpty();
  }

  /** Appends content; past the size limit the rest is dropped and {@link #tooBig()} turns true. */
  void append(byte[] bytes, int offset, int length) {
    if (tooBig || content.size() + (long) length > maxSize) {
      tooBig = true;
      return;
    }
    content.write(bytes, offset, length);
  }

  boolean tooBig() {
    return tooBig;
  }

  String from() {
    return from;
  }

  List<String> recipients() {
    return List.copyOf(recipients);
  }

  byte[] content() {
    return content.toByteArray();
  }

  void reset() {
    from = null;
    recipients.clear();
    content.reset();
    tooBig = false;
  }
}
