package dev.mailtoken.mail;

/** How an SMTP connection is encrypted. Immutable and thread-safe. */
public enum SmtpSecurity {
  /** Plain connection upgraded with {@code STARTTLS} before AUTH; the upgrade is required (port 587). */
  STARTTLS,
  /** TLS from the first byte (port 465). */
  IMPLICIT_TLS,
  /** No encryption: a token is sent only to a loopback host with {@code allowPlaintextAuth(true)}. */
  NONE
}
