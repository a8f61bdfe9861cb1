package dev.mailtoken.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event during a test and fails the test if any event (message, arguments,
 * exception messages and stack) contains a secret the test created.
 *
 * <pre>{@code
 * @RegisterExtension final LogCapture logs = new LogCapture();
 * ...
 * logs.forbid(refreshToken, clientSecret);     // checked after the test
 * logs.forbidAll(emulator::issuedSecrets);     // evaluated after the test
 * }</pre>
 *
 * <p>Thread-safe: events from any thread are captured.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
  private final List<Supplier<? extends Collection<String>>> forbiddenSuppliers = new CopyOnWriteArrayList<>();
  private final Appender appender = new Appender();

  /** Fails the test if any of these strings appears in a captured log event. */
  public LogCapture forbid(String... secrets) {
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        forbidden.add(s);
      }
    }
    return this;
  }

  /** Like {@link #forbid}, for a set that is read after the test (e.g. every token an emulator issued). */
  public LogCapture forbidAll(Supplier<? extends Collection<String>> secrets) {
    forbiddenSuppliers.add(secrets);
    return this;
  }

  /** Captured events so far. */
  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /** Everything captured so far as one text, messages with their exceptions. */
  public String text() {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent e : events) {
      all.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ")
          .append(e.getFormattedMessage()).append('\n');
      appendThrowable(all, e.getThrowableProxy());
    }
    return all.toString();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    events.clear();
    appender.setContext(loggerContext());
    appender.start();
    rootLogger().addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    rootLogger().detachAppender(appender);
    appender.stop();
    List<String> all = new ArrayList<>(forbidden);
    for (Supplier<? extends Collection<String>> s : forbiddenSuppliers) {
      all.addAll(s.get());
    }
    String text = text();
    for (String secret : all) {
      if (secret != null && secret.length() >= 6 && text.contains(secret)) {
        throw new AssertionError("a secret appeared in the log output (" + secret.length()
            + " characters starting " + secret.substring(0, 3) + "…); log lines:\n" + redact(text, all));
      }
    }
  }

  private static String redact(String text, List<String> secrets) {
    String out = text;
    for (String s : secrets) {
      if (s != null && s.length() >= 6) {
        out = out.replace(s, "<SECRET>");
      }
    }
    return out;
  }

  private static void appendThrowable(StringBuilder all, IThrowableProxy t) {
    while (t != null) {
      all.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        all.append("    ").append(frame.getSTEAsString()).append('\n');
      }
      for (IThrowableProxy suppressed : t.getSuppressed()) {
        appendThrowable(all, suppressed);
      }
      t = t.getCause();
    }
  }

  private static LoggerContext loggerContext() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  private static Logger rootLogger() {
    return loggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private final class Appender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  }
}
