package dev.mailtoken.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@code mailtoken sendmail}, read the way sendmail's own {@code getopt} reads
 * it, so that what cron, git send-email, mutt and PHP pass works: flags may be clustered
 * ({@code -ti}), a flag's value may be attached ({@code -falice@example.com}, {@code -oi}) or the
 * next argument ({@code -f alice@example.com}), {@code --} ends the flags, and every other argument
 * is a recipient (a comma-separated list is several).
 *
 * @param extractRecipients {@code -t}: take recipients from the To, Cc and Bcc fields too
 * @param ignoreDots {@code -i} or {@code -oi}: a line with a single dot does not end the message
 * @param sender {@code -f} (or {@code -r}): the envelope sender, which chooses the account (empty for
 *     {@code -f '<>'}, the null sender)
 * @param fullName {@code -F}: the display name for a {@code From} field that mailtoken adds
 * @param verbose {@code -v}: print what was sent and the server's reply
 * @param recipients the recipient arguments, in order
 */
record SendmailArguments(boolean extractRecipients, boolean ignoreDots, Optional<String> sender,
    Optional<String> fullName, boolean verbose, List<String> recipients) {

  /** Flags that take a value; the ones not named in a case below are accepted and ignored. */
  private static final String WITH_VALUE = "ABCdefFhLNoqrRVXb";
  /** Flags without a value that are accepted and ignored (G, U: submission hints; m, n: obsolete). */
  private static final String IGNORED = "GUmns";
  /** {@code -b} modes: {@code -bm} (deliver mail) is what we do; the rest are sendmail's daemon and queue tools. */
  private static final Set<String> SUPPORTED_MODES = Set.of("m");

  SendmailArguments {
    recipients = List.copyOf(recipients);
  }

  /** @throws SendmailFailure (EX_USAGE) naming an unknown flag, a missing value or an unsupported mode */
  static SendmailArguments parse(List<String> args) {
    Builder b = new Builder();
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i++);
      if (arg.equals("--")) {
        args.subList(i, args.size()).forEach(b.recipients::add);
        break;
      }
      if (!arg.startsWith("-") || arg.length() == 1) {
        b.recipients.add(arg);
        continue;
      }
      for (int c = 1; c < arg.length(); c++) {
        char flag = arg.charAt(c);
        if (WITH_VALUE.indexOf(flag) < 0) {
          b.flag(flag);
          continue;
        }
        String value;
        if (c + 1 < arg.length()) {
          value = arg.substring(c + 1);
        } else if (flag == 'q') {
          value = "";   // -q has an optional value only
        } else if (i < args.size()) {
          value = args.get(i++);
        } else {
          throw usage("-" + flag + " needs a value");
        }
        b.option(flag, value);
        break;
      }
    }
    return b.build();
  }

  private static SendmailFailure usage(String message) {
    return new SendmailFailure(Sysexit.USAGE, "sendmail: " + message,
        "usage: mailtoken sendmail [-t] [-i] [-f FROM] [-F NAME] [-v] [RECIPIENTS] < MESSAGE (more: mailtoken"
            + " sendmail --help)");
  }

  /** Collects the flags as they are read. Confined to {@link #parse}. */
  private static final class Builder {
    boolean extract;
    boolean ignoreDots;
    String sender;
    String fullName;
    boolean verbose;
    final List<String> recipients = new ArrayList<>();

    void flag(char flag) {
      switch (flag) {
        case 't':
          extract = true;
          break;
        case 'i':
          ignoreDots = true;
          break;
        case 'v':
          verbose = true;
          break;
        default:
          if (IGNORED.indexOf(flag) < 0) {
            throw usage("unknown flag -" + flag);
          }
      }
    }

    void option(char flag, String value) {
      switch (flag) {
        case 'f':
        case 'r':
          sender = value;
          break;
        case 'F':
          fullName = value;
          break;
        case 'o':
          ignoreDots |= value.equals("i");   // -oi; -oem, -odi, -oee, … set options we do not have
          break;
        case 'b':
          if (!SUPPORTED_MODES.contains(value)) {
            throw usage("-b" + value + " is a mode of the sendmail daemon; mailtoken sendmail only sends the"
                + " message on standard input (-bm)");
          }
          break;
        case 'q':
          throw usage("-q runs sendmail's queue; mailtoken sendmail has no queue: it sends at once or fails");
        default:
          break;   // -B, -C, -d, -e, -h, -L, -N, -R, -V, -X: accepted and ignored
      }
    }

    SendmailArguments build() {
      String from = sender == null ? "" : sender.strip();
      if (from.startsWith("<") && from.endsWith(">")) {
        from = from.substring(1, from.length() - 1).strip();   // -f '<alice@example.com>'; '<>' is the null sender
      }
      return new SendmailArguments(extract, ignoreDots, Optional.of(from).filter(f -> !f.isEmpty()),
          Optional.ofNullable(fullName),
          verbose, recipients);
    }
  }
}
