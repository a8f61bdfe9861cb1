package dev.mailtoken.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Writes to another writer with every non-empty line indented. The demo routes an inner command's
 * stdout and stderr through one of these into its own stdout, so each step's messages appear under
 * the step, in the order they were written, whatever the terminal does with two streams.
 *
 * <p>Not thread-safe (one command writes at a time). {@link #close()} only flushes: the target
 * belongs to the caller.
 */
final class IndentedWriter extends Writer {
  private final PrintWriter target;
  private final String indent;
  private boolean atLineStart = true;

  IndentedWriter(PrintWriter target, String indent) {
    this.target = target;
    this.indent = indent;
  }

  @Override
  public void write(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (atLineStart && c != '\n' && c != '\r') {
        target.write(indent);
      }
      target.write(c);
      atLineStart = c == '\n';
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
