package dev.mailtoken.testkit;

/** How an {@link SmtpEmulator} uses TLS. */
public enum TlsMode {
  /** Plain connect, {@code STARTTLS} required before AUTH or MAIL (port 587 behaviour). */
  STARTTLS,
  /** TLS from the first byte (port 465 behaviour). */
  IMPLICIT,
  /** No TLS at all: {@code STARTTLS} is not offered and AUTH is offered in the clear. */
  NONE
}
