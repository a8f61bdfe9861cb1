package dev.mailtoken.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records everything the testkit logs, at DEBUG and above, until closed; closing restores the
 * previous level. For tests that check no secret reaches a log line. One test at a time (it
 * changes the shared logger's level).
 */
final class DebugLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.mailtoken.testkit");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level previous;

  DebugLog() {
    appender.start();
    logger.addAppender(appender);
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
  }

  /** The formatted messages logged so far. */
  List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
