package dev.mailtoken.cli;

import dev.mailtoken.oauth.AuthorizationException;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.UntrustedCertificateException;
import dev.mailtoken.mail.MechanismNotOfferedException;
import dev.mailtoken.mail.SmtpSecurityMismatchException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.TransientException;
import dev.mailtoken.store.RefreshInProgressException;
import dev.mailtoken.store.StoreUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception a subcommand throws into one line on stderr, an optional hint, and an
 * {@link ExitCode}; the stack trace only with {@code --verbose}. Messages of {@link MailtokenException}
 * never contain secrets (core's rule), so they are printed as they are.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private final Main main;

  ErrorReporter(Main main) {
    this.main = main;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    ExitCode code = exitCode(ex);
    // One line each, whatever a provider or server put in the message (core escapes it already).
    err.println("mailtoken: " + ServerText.printable(message(ex)));
    String hint = hint(ex);
    if (hint != null) {
      err.println("hint: " + ServerText.printable(hint));
    }
    if (main.verbose()) {
      ex.printStackTrace(err);
    } else if (code == ExitCode.INTERNAL || code == ExitCode.FAILURE && !(ex instanceof CliException)) {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return code.code();
  }

  private static String message(Throwable ex) {
    String m = ex.getMessage();
    if (ex instanceof MailtokenException || ex instanceof CliException) {
      return m;
    }
    return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static ExitCode exitCode(Throwable ex) {
    if (ex instanceof CliException) {
      return ((CliException) ex).exitCode();
    }
    if (ex instanceof ReauthorizationRequiredException) {
      return ExitCode.REAUTHORIZATION_REQUIRED;
    }
    if (ex instanceof MailtokenException && ((MailtokenException) ex).isTransient()) {
      return ExitCode.TRANSIENT;
    }
    if (ex instanceof AuthorizationException) {
      return ExitCode.CONSENT;
    }
    if (ex instanceof ConfigurationException) {
      return ExitCode.CONFIGURATION;
    }
    if (ex instanceof RuntimeException) {
      return ExitCode.INTERNAL;
    }
    return ExitCode.FAILURE;
  }

  private String hint(Throwable ex) {
    if (ex instanceof CliException) {
      return ((CliException) ex).hint();
    }
    if (ex instanceof SmtpSecurityMismatchException m) {
      return "send with --smtp-security " + SmtpChoices.spelling(m.suggested()) + ", or check the app's SMTP port";
    }
    if (ex instanceof MechanismNotOfferedException) {
      return "send with --sasl auto (what the server offers), or check the app's SMTP host and port";
    }
    if (ex instanceof UntrustedCertificateException) {
      return "if the server's certificate comes from a private or self-signed CA, trust that CA: --trust-store FILE"
          + " or " + TrustStoreFile.VARIABLE + "=FILE (PEM or PKCS12)";
    }
    if (ex instanceof ReauthorizationRequiredException) {
      String who = ((MailtokenException) ex).account().orElse("ACCOUNT");
      return "a person must consent again: mailtoken authorize --app " + appOf(who) + " --account " + who
          + " (mailtoken doctor " + who + " explains the likely cause)";
    }
    if (ex instanceof RefreshInProgressException r) {
      return "another process (" + r.owner() + ") is refreshing this account and will store the result: run the"
          + " command again in a moment; MAILTOKEN_LOCK_WAIT sets how long to wait for it";
    }
    if (ex instanceof StoreUnavailableException) {
      return "the store's database could not be reached or stayed locked: check it, then try again";
    }
    if (ex instanceof TransientException t && t.retryAfter().isPresent()) {
      long seconds = (t.retryAfter().get().toMillis() + 999) / 1000;
      return "try again in " + seconds + " s; every process sharing the store waits as well";
    }
    if (ex instanceof MailtokenException && ((MailtokenException) ex).isTransient()) {
      return "the provider or network failed for now; try again later";
    }
    return null;
  }

  /** The app {@code account} is stored with, for a hint to run as it is; {@code APP} when the store cannot say. */
  private String appOf(String account) {
    try (StoreAccess access = main.openStore(new PrintWriter(java.io.Writer.nullWriter()))) {
      return access.store().account(account).map(dev.mailtoken.store.StoredAccount::appName).orElse("APP");
    } catch (Exception | LinkageError e) {
      return "APP";
    }
  }
}
