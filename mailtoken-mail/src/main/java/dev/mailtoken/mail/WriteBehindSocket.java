package dev.mailtoken.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain socket whose writes wait for its next read: its output is a {@link HeldOutputStream}
 * released by its input ({@link ReleasingInputStream}), by a full buffer, and by
 * {@link #shutdownOutput} or {@link #close}. For a request-and-reply protocol nothing is delayed —
 * the bytes leave exactly when the client starts waiting for an answer — but everything written
 * since the last reply leaves in one write, so a pipelined group is one segment, as RFC 2920
 * intends, instead of as many as the client had flushes.
 *
 * <p>Thread-safe as a {@link Socket}; its streams are made once and kept.
 */
final class WriteBehindSocket extends Socket {
  private HeldOutputStream out; // guarded by this
  private ReleasingInputStream in; // guarded by this

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    return held();
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) {
      in = new ReleasingInputStream(super.getInputStream(), held());
    }
    return in;
  }

  private HeldOutputStream held() throws IOException {
    if (out == null) {
      out = new HeldOutputStream(super.getOutputStream());
    }
    return out;
  }

  @Override
  public void shutdownOutput() throws IOException {
    HeldOutputStream o;
    synchronized (this) {
      o = out;
    }
    if (o != null) {
      o.release();
    }
    super.shutdownOutput();
  }

  /** Sends what is still held (best effort: the peer may be gone), then closes. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (out != null && !isClosed() && !isOutputShutdown()) {
        out.release();
      }
    } catch (IOException e) {
      // closing anyway: a peer that went away cannot get the held bytes
    } finally {
      super.close();
    }
  }
}
