package dev.mailtoken.spring;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.mail.AuthenticationRejectedException;
import dev.mailtoken.mail.Mailer;
import dev.mailtoken.mail.SmtpAuthDisabledException;
import dev.mailtoken.token.TokenNotRenewableException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * Spring's {@link JavaMailSender} on a mailtoken {@link Mailer}: each message goes out as its
 * {@code From} account (or {@code mailtoken.default-from} when it has none) with pooled
 * connections, a rejected token renewed once and the send retried once.
 *
 * <p>Like Spring's {@code JavaMailSenderImpl}, every message of a batch is attempted and failures
 * are thrown together at the end: a {@link MailAuthenticationException} when every failure was an
 * authentication failure (rejected after renewal, reauthorization required, SMTP AUTH disabled, a
 * fixed token that cannot be renewed), else a {@link MailSendException} whose
 * {@code getFailedMessages()} maps each failed message to its exception; the first failure is the
 * cause either way. Preparation failures are {@link MailParseException}s and
 * {@link MailPreparationException}s, as in Spring. Thread-safe.
 */
final class MailtokenJavaMailSender implements JavaMailSender {
  private final Mailer mailer;
  private final Optional<String> defaultFrom;
  private final Session parsing = Session.getInstance(new Properties());

  MailtokenJavaMailSender(Mailer mailer, Optional<String> defaultFrom) {
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.defaultFrom = Objects.requireNonNull(defaultFrom, "defaultFrom");
  }

  @Override
  public MimeMessage createMimeMessage() {
    return mailer.newMessage();
  }

  @Override
  public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
    try {
      return new MimeMessage(parsing, contentStream);
    } catch (MessagingException e) {
      throw new MailParseException("Could not parse raw MIME content", e);
    }
  }

  @Override
  public void send(SimpleMailMessage simpleMessage) throws MailException {
    send(new SimpleMailMessage[] {simpleMessage});
  }

  @Override
  public void send(SimpleMailMessage... simpleMessages) throws MailException {
    Map<Object, Exception> failed = new LinkedHashMap<>();
    for (SimpleMailMessage simple : simpleMessages) {
      MimeMessage mime = createMimeMessage();
      try {
        simple.copyTo(new MimeMailMessage(mime));
      } catch (MailException e) {
        failed.put(simple, e);
        continue;
      }
      deliver(simple, mime, failed);
    }
    finish(failed);
  }

  @Override
  public void send(MimeMessage mimeMessage) throws MailException {
    send(new MimeMessage[] {mimeMessage});
  }

  @Override
  public void send(MimeMessage... mimeMessages) throws MailException {
    Map<Object, Exception> failed = new LinkedHashMap<>();
    for (MimeMessage mime : mimeMessages) {
      deliver(mime, mime, failed);
    }
    finish(failed);
  }

  @Override
  public void send(MimeMessagePreparator mimeMessagePreparator) throws MailException {
    send(new MimeMessagePreparator[] {mimeMessagePreparator});
  }

  @Override
  public void send(MimeMessagePreparator... mimeMessagePreparators) throws MailException {
    List<MimeMessage> prepared = new ArrayList<>(mimeMessagePreparators.length);
    try {
      for (MimeMessagePreparator preparator : mimeMessagePreparators) {
        MimeMessage mime = createMimeMessage();
        preparator.prepare(mime);
        prepared.add(mime);
      }
    } catch (MailException e) {
      throw e;
    } catch (MessagingException e) {
      throw new MailParseException(e);
    } catch (Exception e) {
      throw new MailPreparationException(e);
    }
    send(prepared.toArray(new MimeMessage[0]));
  }

  private void deliver(Object original, MimeMessage mime, Map<Object, Exception> failed) {
    try {
      if (defaultFrom.isPresent() && (mime.getFrom() == null || mime.getFrom().length == 0)) {
        mime.setFrom(defaultFrom.get());
      }
      mailer.send(mime);
    } catch (Exception e) {
      failed.put(original, e);
    }
  }

  private static void finish(Map<Object, Exception> failed) {
    if (failed.isEmpty()) {
      return;
    }
    Exception first = failed.values().iterator().next();
    if (failed.values().stream().allMatch(MailtokenJavaMailSender::isAuthentication)) {
      throw new MailAuthenticationException("mailtoken could not authenticate: " + first.getMessage(), first);
    }
    throw new MailSendException(failed.size() == 1 ? "mailtoken could not send the message: " + first.getMessage()
        : "mailtoken could not send " + failed.size() + " messages; the first: " + first.getMessage(), first, failed);
  }

  private static boolean isAuthentication(Exception e) {
    return e instanceof AuthenticationRejectedException || e instanceof ReauthorizationRequiredException
        || e instanceof SmtpAuthDisabledException || e instanceof TokenNotRenewableException;
  }

  @Override
  public String toString() {
    return "MailtokenJavaMailSender[" + mailer + "]";
  }
}
