package dev.mailtoken.cli;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.mail.RecipientRejectedException;
import dev.mailtoken.mail.SendingLimitException;

/**
 * The exit codes of {@code mailtoken sendmail}: BSD {@code sysexits.h}, which sendmail, msmtp and
 * the programs that call them (cron, mail user agents, PHP's {@code mail()}) understand. 75 means
 * "try again later"; every other non-zero code means this message will not go through as it is.
 */
enum Sysexit {
  /** Sent. */
  OK(0),
  /** EX_USAGE: bad flags, an unsupported mode, or no recipients. */
  USAGE(64),
  /** EX_DATAERR: the message on standard input is unusable (empty, unreadable address fields). */
  DATAERR(65),
  /** EX_NOUSER: no stored account to send as, or the server refused a recipient for good. */
  NOUSER(67),
  /** EX_UNAVAILABLE: the server or provider refused the message for good. */
  UNAVAILABLE(69),
  /** EX_SOFTWARE: a bug in mailtoken (the message says what). */
  SOFTWARE(70),
  /** EX_IOERR: standard input could not be read. */
  IOERR(74),
  /** EX_TEMPFAIL: network, provider or server trouble, a rate or sending limit: try again later. */
  TEMPFAIL(75),
  /** EX_CONFIG: no store, wrong key, an account that must be authorized again, a scope or server setting. */
  CONFIG(78);

  private final int code;

  Sysexit(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  /** The code for a failure of a sendmail run: what the exception says about this message's fate. */
  static Sysexit of(Throwable e) {
    if (e instanceof SendmailFailure f) {
      return f.sysexit();
    }
    if (e instanceof RecipientRejectedException r) {
      return r.serverReply().startsWith("4") ? TEMPFAIL : NOUSER;
    }
    if (e instanceof SendingLimitException) {
      return TEMPFAIL;   // the provider takes mail again within hours
    }
    if (e instanceof MailtokenException m && m.isTransient()) {
      return TEMPFAIL;
    }
    if (e instanceof ReauthorizationRequiredException || e instanceof ConfigurationException) {
      return CONFIG;
    }
    if (e instanceof CliException c) {
      return c.exitCode() == ExitCode.USAGE ? USAGE : c.exitCode() == ExitCode.TRANSIENT ? TEMPFAIL
          : c.exitCode() == ExitCode.INTERNAL ? SOFTWARE : CONFIG;
    }
    if (e instanceof MailtokenException) {
      return UNAVAILABLE;
    }
    return SOFTWARE;
  }
}
