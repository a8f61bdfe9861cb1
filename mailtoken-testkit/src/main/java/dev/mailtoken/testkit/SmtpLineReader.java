package dev.mailtoken.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads CRLF-terminated lines (a bare LF is tolerated) as bytes from a socket stream, buffered.
 * Not thread-safe: one per connection. A new reader replaces it after STARTTLS, which discards
 * anything pipelined in the clear (RFC 3207 §4.2).
 */
final class SmtpLineReader {
  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  SmtpLineReader(InputStream in) {
    this.in = in;
  }

  /** Exactly {@code length} bytes (BDAT content), or null if the stream ends first. */
  byte[] read(int length) throws IOException {
    byte[] bytes = new byte[length];
    int filled = 0;
    while (filled < length) {
      if (position == limit && !fill()) {
        return null;
      }
      int n = Math.min(length - filled, limit - position);
      System.arraycopy(buffer, position, bytes, filled, n);
      position += n;
      filled += n;
    }
    return bytes;
  }

  /**
   * The next line without its terminator, or null at end of stream.
   *
   * @throws IOException if the line is longer than {@code maxLength} bytes, or on a read error
   */
  byte[] readLine(int maxLength) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (position == limit && !fill()) {
        return line.size() == 0 ? null : line.toByteArray();
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      line.write(buffer, start, position - start);
      if (line.size() > maxLength) {
        throw new IOException("line longer than " + maxLength + " bytes");
      }
      if (position < limit) {
        position++; // the LF
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return Arrays.copyOf(bytes, length);
      }
    }
  }

  /** Refills the empty buffer; false at end of stream. */
  private boolean fill() throws IOException {
    limit = Math.max(in.read(buffer), 0);
    position = 0;
    return limit > 0;
  }
}
