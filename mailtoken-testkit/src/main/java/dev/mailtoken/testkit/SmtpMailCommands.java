package dev.mailtoken.testkit;

import java.io.IOException;

/**
 * The mail transaction of one {@link SmtpSession}: {@code MAIL}, {@code RCPT}, {@code DATA} (with
 * dot-unstuffing) and {@code BDAT} (RFC 3030), checked against the session's state (greeting, TLS,
 * AUTH) and collected in its {@link SmtpTransaction}; an accepted message is handed to the
 * emulator. Confined to the session's thread, like the session's own commands.
 */
final class SmtpMailCommands {
  private static final int MAX_DATA_LINE = 1024 * 1024;

  private final SmtpSession session;
  private final SmtpEmulator emulator;
  private final SmtpReplies replies;
  private final SmtpTransaction transaction;

  SmtpMailCommands(SmtpSession session, SmtpTransaction transaction) {
    this.session = session;
    this.emulator = session.emulator;
    this.replies = session.replies;
    this.transaction = transaction;
  }

  boolean mail(String argument) throws IOException, InterruptedException {
    if (!session.greeted()) {
      return session.reply(replies.sendHelloFirst());
    }
    if (emulator.settings().tls() == TlsMode.STARTTLS && !session.tls()) {
      return session.reply(replies.mailBeforeTls());
    }
    if (session.user == null) {
      return session.reply(replies.notAuthenticated());
    }
    if (transaction.started()) {
      return session.reply(replies.nestedMail());
    }
    String address = SmtpTransaction.address(argument, "FROM:");
    if (address == null) {
      return session.reply(replies.syntaxError());
    }
    if (replies.gmail() && emulator.overDailyLimit(session.user)) {
      return session.reply(replies.dailyLimit());
    }
    transaction.begin(address);
    return session.reply(replies.mailOk());
  }

  boolean rcpt(String argument) throws IOException, InterruptedException {
    if (!transaction.started()) {
      return session.reply(replies.mailFirst());
    }
    String address = SmtpTransaction.address(argument, "TO:");
    if (address == null || address.isEmpty()) {
      return session.reply(replies.syntaxError());
    }
    if (emulator.unknownRecipient(address)) {
      return session.reply(replies.noSuchRecipient());
    }
    transaction.addRecipient(address);
    return session.reply(replies.rcptOk());
  }

  boolean data() throws IOException, InterruptedException {
    if (!transaction.started()) {
      return session.reply(replies.mailFirst());
    }
    if (!transaction.hasRecipients()) {
      return session.reply(replies.rcptFirst());
    }
    if (emulator.faults().takeDataRefusal()) {
      transaction.reset();
      return session.reply(replies.dataRefused());
    }
    session.reply(replies.startData());
    byte[] crlf = {'\r', '\n'};
    while (true) {
      byte[] line = session.in().readLine(MAX_DATA_LINE);
      if (line == null) {
        throw new IOException("connection closed during DATA");
      }
      if (line.length == 1 && line[0] == '.') {
        break;
      }
      int skip = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing (RFC 5321 §4.5.2)
      transaction.append(line, skip, line.length - skip);
      transaction.append(crlf, 0, 2);
    }
    return session.reply(finish());
  }

  /** RFC 3030 {@code BDAT <size> [LAST]}: exactly size octets follow the command line. */
  boolean bdat(String argument) throws IOException, InterruptedException {
    String[] parts = argument.split(" +");
    long size;
    try {
      size = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return session.reply(replies.syntaxError());
    }
    boolean last = parts.length > 1 && parts[1].equalsIgnoreCase("LAST");
    if (size < 0 || size > replies.maxSize() || (parts.length > 1 && !last)) {
      return session.reply(replies.syntaxError());
    }
    byte[] chunk = session.in().read((int) size); // read even when refused: the octets are not commands
    if (chunk == null) {
      throw new IOException("connection closed during BDAT");
    }
    if (!transaction.started() || !transaction.hasRecipients()) {
      transaction.reset();
      return session.reply(transaction.started() ? replies.rcptFirst() : replies.mailFirst());
    }
    transaction.append(chunk, 0, chunk.length);
    return session.reply(last ? finish() : replies.chunkOk(size));
  }

  /** Ends the transaction: the final reply, the message recorded if accepted. */
  private String finish() {
    String answer;
    if (transaction.tooBig()) {
      answer = replies.tooBig();
    } else if (!replies.gmail() && emulator.overDailyLimit(session.user)) {
      answer = replies.dailyLimit();
    } else {
      emulator.received(new ReceivedMessage(session.user, session.mechanism, transaction.from(),
          transaction.recipients(), transaction.content(), emulator.settings().clock().instant()));
      answer = replies.dataOk();
    }
    transaction.reset();
    return answer;
  }
}
