package dev.mailtoken.mail;

/**
 * How an SMTP connection is encrypted. {@link SmtpServerBuilder} defaults to it from the port:
 * {@link #IMPLICIT_TLS} on 465, else {@link #STARTTLS}. A server reached in the mode it does not
 * speak fails fast with {@link SmtpSecurityMismatchException}. Immutable and thread-safe.
 */
public enum SmtpSecurity {
  /** Plain connection upgraded with {@code STARTTLS} before AUTH; the upgrade is required (port 587). */
  STARTTLS,
  /** TLS from the first byte (port 465, or any other port the server uses for it). */
  IMPLICIT_TLS,
  /** No encryption: a token is sent only to a loopback host with {@code allowPlaintextAuth(true)}. */
  NONE
}
