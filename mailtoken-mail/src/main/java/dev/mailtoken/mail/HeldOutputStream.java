package dev.mailtoken.mail;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output whose bytes are held until the connection next reads ({@link #release}), the
 * buffer fills, or the socket closes. {@code flush()} holds too: Angus flushes after every
 * command, and each flush on a {@code TCP_NODELAY} socket would be a segment of its own.
 *
 * <p>Thread-safe (a lock per stream); in practice one thread at a time uses a connection.
 */
final class HeldOutputStream extends OutputStream {
  static final int SIZE = 16 * 1024;

  private final OutputStream socket;
  private final byte[] held = new byte[SIZE];
  private int count; // guarded by this

  HeldOutputStream(OutputStream socket) {
    this.socket = socket;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (count == held.length) {
      release();
    }
    held[count++] = (byte) b;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (len > held.length - count) {
      release();
    }
    if (len >= held.length) {
      socket.write(b, off, len);
      return;
    }
    System.arraycopy(b, off, held, count, len);
    count += len;
  }

  /** Holds: the bytes leave when the connection reads, when the buffer fills or when it closes. */
  @Override
  public void flush() {
    // held on purpose
  }

  /** Writes everything held in one write: called before every read and on close. */
  synchronized void release() throws IOException {
    if (count > 0) {
      socket.write(held, 0, count);
      count = 0;
    }
    socket.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      release();
    } finally {
      socket.close();
    }
  }
}
