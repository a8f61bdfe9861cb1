package dev.mailtoken.cli;

import dev.mailtoken.mail.Envelope;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What {@code mailtoken sendmail} sends for a message read from standard input: the account it
 * is sent as, the envelope, and the bytes, prepared as sendmail prepares local submissions.
 *
 * <ul>
 *   <li>The account: the first of {@code -f} and the {@code From} address that is a stored
 *       account, else {@code MAILTOKEN_SENDMAIL_ACCOUNT}. The envelope sender is that account
 *       (providers accept no other).
 *   <li>Recipients: the arguments, plus with {@code -t} the {@code To}, {@code Cc} and {@code Bcc}
 *       addresses (as Postfix and msmtp do), each once.
 *   <li>Header fields: {@code Bcc} removed; {@code From} added when missing (with {@code -F}'s
 *       name), or its address replaced by the account when it is a local user name without a
 *       domain, as cron and PHP write ({@code root (Cron Daemon)}), keeping the name; {@code Date}
 *       and {@code Message-ID} added when missing. Every other byte is sent as it came.
 * </ul>
 *
 * @param account the stored account the message is sent as
 * @param envelope {@code MAIL FROM} (the account) and {@code RCPT TO}
 * @param bytes the message as sent
 */
record SendmailMessage(String account, Envelope envelope, byte[] bytes) {
  /** The environment variable naming the account to send as when neither {@code -f} nor From names one. */
  static final String ACCOUNT_VARIABLE = "MAILTOKEN_SENDMAIL_ACCOUNT";

  /**
   * @param storedAccount the stored account an address names (matched without regard to case), if any
   * @param defaultAccount the value of {@link #ACCOUNT_VARIABLE}, if set
   * @throws SendmailFailure EX_NOUSER (no account, a recipient without a domain), EX_USAGE (no
   *     recipients), EX_DATAERR (unreadable address fields), EX_CONFIG (the default is no account)
   */
  static SendmailMessage prepare(SendmailArguments args, RawMessage raw,
      Function<String, Optional<String>> storedAccount, Optional<String> defaultAccount, Clock clock) {
    Optional<InternetAddress> from = headerAddress(raw);
    String account = account(args, from, storedAccount, defaultAccount);
    List<String> recipients = recipients(args, raw);
    RawMessage prepared = raw.without("Bcc");
    if (from.isEmpty()) {
      prepared = prepared.with("From", address(account, args.fullName().orElse(null)));
    } else if (from.get().getAddress().indexOf('@') < 0) {
      prepared = prepared.replacing("From", address(account, from.get().getPersonal()));
    }
    if (!raw.has("Date")) {
      prepared = prepared.with("Date", new MailDateFormat().format(Date.from(clock.instant())));
    }
    if (!raw.has("Message-ID")) {
      prepared = prepared.with("Message-ID", "<" + UUID.randomUUID() + "@" + account.substring(account.indexOf('@') + 1)
          + ">");
    }
    try {
      return new SendmailMessage(account, new Envelope(account, recipients), prepared.bytes());
    } catch (IllegalArgumentException e) {
      throw new SendmailFailure(Sysexit.DATAERR, e.getMessage(), null);
    }
  }

  private static Optional<InternetAddress> headerAddress(RawMessage raw) {
    try {
      return raw.from();
    } catch (CliException e) {
      throw new SendmailFailure(Sysexit.DATAERR, e.getMessage(), e.hint());
    }
  }

  private static String account(SendmailArguments args, Optional<InternetAddress> from,
      Function<String, Optional<String>> storedAccount, Optional<String> defaultAccount) {
    List<String> named = new ArrayList<>();
    args.sender().ifPresent(named::add);
    from.map(InternetAddress::getAddress).filter(a -> a.indexOf('@') > 0).ifPresent(named::add);
    for (String candidate : named) {
      Optional<String> stored = storedAccount.apply(candidate);
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    if (defaultAccount.isPresent()) {
      return storedAccount.apply(defaultAccount.get()).orElseThrow(() -> new SendmailFailure(Sysexit.CONFIG,
          ACCOUNT_VARIABLE + " names " + defaultAccount.get() + ", which is not a stored account",
          "list the accounts with: mailtoken accounts list"));
    }
    throw new SendmailFailure(Sysexit.NOUSER, "no stored account to send as: " + (named.isEmpty()
        ? "the message has no From address and no -f was given" : String.join(" and ", named)
        + (named.size() == 1 ? " is" : " are") + " not a stored account"),
        "pass -f ACCOUNT, write From: ACCOUNT, or set " + ACCOUNT_VARIABLE + "=ACCOUNT (mailtoken accounts list"
            + " shows them)");
  }

  /** Argument and (with -t) header recipients, each once (case-insensitive), in order. */
  private static List<String> recipients(SendmailArguments args, RawMessage raw) {
    Map<String, String> unique = new LinkedHashMap<>();
    for (String arg : args.recipients()) {
      try {
        for (InternetAddress a : InternetAddress.parse(arg, false)) {
          unique.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a.getAddress());
        }
      } catch (AddressException e) {
        throw new SendmailFailure(Sysexit.USAGE, "recipient " + arg + " is not a mail address: " + e.getMessage(),
            null);
      }
    }
    if (args.extractRecipients()) {
      try {
        raw.addresses("To", "Cc", "Bcc").forEach(a -> unique.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT),
            a.getAddress()));
      } catch (CliException e) {
        throw new SendmailFailure(Sysexit.DATAERR, e.getMessage(), e.hint());
      }
    }
    if (unique.isEmpty()) {
      throw new SendmailFailure(Sysexit.USAGE, args.extractRecipients()
          ? "the message names no recipient (To, Cc, Bcc) and none was given as an argument"
          : "no recipients: give them as arguments, or use -t to take them from the To, Cc and Bcc fields", null);
    }
    for (String r : unique.values()) {
      if (r.indexOf('@') <= 0) {
        throw new SendmailFailure(Sysexit.NOUSER, "recipient " + r + " is a local user name; mailtoken sends to mail"
            + " addresses only", "give a full address (in a crontab: MAILTO=you@example.com)");
      }
    }
    return new ArrayList<>(unique.values());
  }

  /** {@code Name <address>}, the name encoded as RFC 2047 needs, or the bare address. */
  private static String address(String address, String personal) {
    try {
      return personal == null || personal.isBlank() ? address
          : new InternetAddress(address, personal, "UTF-8").toString();
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }
}
