package dev.mailtoken.testkit;

/**
 * Whose SMTP submission service an {@link SmtpEmulator} imitates: the greeting, EHLO capabilities,
 * reply texts and the shape of an authentication failure.
 */
public enum SmtpStyle {
  /**
   * {@code smtp.gmail.com}: XOAUTH2 and OAUTHBEARER; a rejected token gets a {@code 334 <base64 JSON>}
   * challenge, then {@code 535 5.7.8} after the client's empty (XOAUTH2) or {@code \x01} (OAUTHBEARER) answer.
   */
  GMAIL,
  /**
   * {@code smtp.office365.com}: XOAUTH2 only; a rejected token gets {@code 535 5.7.3} at once; the
   * token's audience must be Outlook; at most 3 concurrent authenticated sessions per mailbox.
   */
  EXCHANGE
}
