package dev.mailtoken.mail;

import jakarta.mail.util.LineOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
 * <p>It is also the {@link LineOutputStream} the message's header lines are written with: Jakarta
 * Mail's {@code MimeBodyPart.writeTo} uses a stream that already is one instead of looking a new
 * one up through {@code StreamProvider.provider()}, a {@code ServiceLoader} pass that was an
 * eighth of a send's CPU time. Lines are encoded as Angus's own {@code LineOutputStream} does:
 * UTF-8 unless the system property {@code mail.mime.allowutf8} is {@code false}, then each
 * char's low byte (Jakarta Mail's {@code MimeBodyPart} reads the same property, with the same
 * default, once, as this class does), then CRLF.
 *
 * <p>Confined to the thread sending the message (so is the array a connection lends it);
 * {@link #close} drains but never closes the connection's stream.
 */
final class DataBuffer extends OutputStream implements LineOutputStream {
  static final int SIZE = 16 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};
  /** Jakarta Mail's {@code MimeBodyPart.allowutf8}: the same system property and default (true), read once. */
  static final boolean ALLOW_UTF8 = allowUtf8();

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

  /** One header line and CRLF, as Angus's {@code LineOutputStream.writeln(String)} writes it. */
  @Override
  public void writeln(String line) throws IOException {
    int n = line.length();
    if (n > buffer.length - count - CRLF.length) {
      drain();
    }
    if (n > buffer.length - CRLF.length || (ALLOW_UTF8 && !ascii(line))) {
      write(ALLOW_UTF8 ? line.getBytes(StandardCharsets.UTF_8) : lowBytes(line));
    } else {
      for (int i = 0; i < n; i++) {
        buffer[count++] = (byte) line.charAt(i);
      }
    }
    writeln();
  }

  @Override
  public void writeln() throws IOException {
    write(CRLF, 0, CRLF.length);
  }

  /** As Jakarta Mail's {@code MimeUtility.getBooleanSystemProperty("mail.mime.allowutf8", true)}. */
  private static boolean allowUtf8() {
    Object value = System.getProperties().get("mail.mime.allowutf8");
    if (value == null) {
      value = System.getProperty("mail.mime.allowutf8");
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    return !(value instanceof String) || !((String) value).equalsIgnoreCase("false");
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Angus's {@code ASCIIUtility.getBytes(String)}: the low byte of each char. */
  private static byte[] lowBytes(String s) {
    byte[] bytes = new byte[s.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) s.charAt(i);
    }
    return bytes;
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
