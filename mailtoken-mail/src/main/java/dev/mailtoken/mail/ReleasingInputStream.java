package dev.mailtoken.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input that first releases what its {@link HeldOutputStream} holds: whoever reads
 * waits for a reply, and the request it answers must be on its way. Thread-safe as its streams.
 */
final class ReleasingInputStream extends FilterInputStream {
  private final HeldOutputStream out;

  ReleasingInputStream(InputStream in, HeldOutputStream out) {
    super(in);
    this.out = out;
  }

  @Override
  public int read() throws IOException {
    out.release();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    out.release();
    return super.read(b, off, len);
  }

  @Override
  public long skip(long n) throws IOException {
    out.release();
    return super.skip(n);
  }
}
