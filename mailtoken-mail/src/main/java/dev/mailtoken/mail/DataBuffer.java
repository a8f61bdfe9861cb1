package dev.mailtoken.mail;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An unsynchronized buffer in front of Angus's message-data stream.
 *
 * <p>Jakarta Mail serialises a text body one byte at a time (its content handler writes through an
 * {@code OutputStreamWriter} into a plain {@code FilterOutputStream}, whose block write is a loop
 * of single-byte writes), and every one of those bytes would otherwise go through Angus's
 * {@code SMTPOutputStream.write(int)} (line-ending and dot-stuffing state) into a synchronized
 * {@code BufferedOutputStream}. Collected here and handed over in blocks, the same bytes take
 * Angus's block path, which does the same CRLF and dot-stuffing work per line instead of per
 * byte. {@link #drain} must run before Angus ends the data ({@code finishData}).
 *
 * <p>Confined to the thread sending the message (so is the array a connection lends it);
 * {@link #close} drains but never closes the connection's stream.
 */
final class DataBuffer extends OutputStream {
  static final int SIZE = 16 * 1024;

  private final OutputStream out;
  private final byte[] buffer;
  private int count;

  DataBuffer(OutputStream out) {
    this(out, new byte[SIZE]);
  }

  /**
   * Collects into {@code buffer}, which a connection keeps for all its messages: a new 16 KB
   * array per message cost about 4 % of a send's CPU time, most of it zeroing the array.
   */
  DataBuffer(OutputStream out, byte[] buffer) {
    this.out = out;
    this.buffer = buffer;
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      drain();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len >= buffer.length) {
      drain();
      out.write(b, off, len);
      return;
    }
    if (len > buffer.length - count) {
      drain();
    }
    System.arraycopy(b, off, buffer, count, len);
    count += len;
  }

  /** Hands everything collected so far to the connection's data stream. */
  void drain() throws IOException {
    if (count > 0) {
      out.write(buffer, 0, count);
      count = 0;
    }
  }

  /**
   * Drains without flushing the connection: Jakarta Mail flushes after every body part, and a
   * flush of Angus's stream would put each part on the wire as its own packet.
   */
  @Override
  public void flush() throws IOException {
    drain();
  }

  @Override
  public void close() throws IOException {
    drain();
  }
}
