package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;

/**
 * The delivery stage of an HTTP API transport ({@link GmailApi}, {@link GraphApi}) in one
 * {@link Mailer}: the message's MIME bytes go to the mailer's {@link HttpMailSender}, which
 * renews a rejected token once and retries once. Holds nothing to close. Thread-safe.
 */
final class ApiDelivery implements Delivery {
  private final MailTransport api;
  private final HttpMailSender http;

  ApiDelivery(MailTransport api, HttpMailSender http) {
    this.api = api;
    this.http = http;
  }

  @Override
  public SendResult deliver(Submission submission) throws MailtokenException {
    String reply = http.send(api, submission.account(), submission.apiBytes(api.name()));
    return new SendResult(submission.account(), submission.messageId(), reply, api.name());
  }

  @Override
  public String transport() {
    return api.name();
  }

  @Override
  public void close() {
    // the HTTP client holds no connection that needs closing
  }
}
