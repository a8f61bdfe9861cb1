package dev.mailtoken.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ceiling of the pooled-sending benchmark: a hand-written SMTP client on a raw socket that
 * authenticates once with XOAUTH2 and then pipelines {@code MAIL}, {@code RCPT} and {@code DATA}
 * in one write per message (RFC 2920) — or, to measure what pipelining is worth, sends them one
 * round trip at a time — with message bytes prepared by the caller. No MIME building, no
 * token management, no error handling beyond "reply code is not what was expected": nothing a
 * real client could leave out is cheaper than this. Not thread-safe: one per connection.
 */
final class RawSmtpClient implements AutoCloseable {

  private static final byte[] ENVELOPE =
      "MAIL FROM:<bench@example.com>\r\nRCPT TO:<sink@example.com>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

  private final boolean pipelining;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawSmtpClient(int port, String user, String token, boolean pipelining) throws IOException {
    this.pipelining = pipelining;
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    expect(220);
    command("EHLO bench.localhost");
    expect(250);
    String xoauth2 = "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
    command("AUTH XOAUTH2 " + Base64.getEncoder().encodeToString(xoauth2.getBytes(StandardCharsets.UTF_8)));
    expect(235);
  }

  /** Sends one message whose bytes are already dot-stuffed and CRLF-terminated lines. */
  void send(byte[] message) throws IOException {
    if (pipelining) {
      out.write(ENVELOPE);
      out.flush();
      expect(250);
      expect(250);
      expect(354);
    } else {
      command("MAIL FROM:<bench@example.com>");
      expect(250);
      command("RCPT TO:<sink@example.com>");
      expect(250);
      command("DATA");
      expect(354);
    }
    out.write(message);
    out.write(END);
    out.flush();
    expect(250);
  }

  private void command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one (possibly multi-line) reply and checks its code. */
  private void expect(int code) throws IOException {
    while (true) {
      int c1 = in.read();
      int c2 = in.read();
      int c3 = in.read();
      int sep = in.read();
      if (sep == -1) {
        throw new IOException("connection closed while waiting for " + code);
      }
      int got = (c1 - '0') * 100 + (c2 - '0') * 10 + (c3 - '0');
      int b;
      while ((b = in.read()) != '\n') {
        if (b == -1) {
          throw new IOException("connection closed inside a reply");
        }
      }
      if (got != code) {
        throw new IOException("expected " + code + " but the server replied " + got);
      }
      if (sep == ' ') {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    command("QUIT");
    socket.close();
  }
}
