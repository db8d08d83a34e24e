package app.octokube.agent.link;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while open, from every logger, as the text an operator would read. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Each event's formatted message followed by its throwables' class names and messages. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    List<ILoggingEvent> events;
    // The appender appends under its own lock; copying under it never sees a list mid-change.
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    for (ILoggingEvent event : events) {
      StringBuilder line = new StringBuilder(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
