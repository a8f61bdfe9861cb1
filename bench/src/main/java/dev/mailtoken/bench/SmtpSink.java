package dev.mailtoken.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's XOAUTH2 sink: a minimal SMTP server on loopback that checks the bearer token
 * and swallows messages as fast as the socket delivers them.
 *
 * <p>Written by hand rather than using the testkit's {@code SmtpEmulator} so that the server's
 * own cost (token introspection, message capture, TLS) does not blur the clients being
 * compared; every client talks to this same sink. It advertises PIPELINING and flushes only when
 * its input buffer is empty, so a pipelining client is not slowed down by the server.
 *
 * <p>Thread-safe: one thread per connection; {@link #messages()} counts across all of them.
 */
final class SmtpSink implements AutoCloseable {

  private final ServerSocket server;
  private final String expectedToken;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "smtp-sink");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong authentications = new AtomicLong();

  SmtpSink(String expectedToken) throws IOException {
    this.expectedToken = expectedToken;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    threads.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  long messages() {
    return messages.get();
  }

  long authentications() {
    return authentications.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        threads.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
         InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
         OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024)) {
      reply(in, out, "220 sink.localhost ESMTP ready");
      boolean authenticated = false;
      String line;
      while ((line = readLine(in)) != null) {
        String upper = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        switch (upper) {
          case "EHLO" -> reply(in, out, "250-sink.localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
              + "250-SIZE 35882577\r\n250 AUTH XOAUTH2");
          case "HELO" -> reply(in, out, "250 sink.localhost");
          case "AUTH" -> {
            String[] parts = line.split(" ");
            String response = parts.length > 2 ? parts[2] : null;
            if (response == null) {
              reply(in, out, "334 ");
              response = readLine(in);
            }
            authenticated = response != null && tokenAccepted(response);
            if (authenticated) {
              authentications.incrementAndGet();
              reply(in, out, "235 2.7.0 Accepted");
            } else {
              reply(in, out, "535 5.7.8 Username and Password not accepted.");
            }
          }
          case "MAIL" -> reply(in, out, authenticated ? "250 2.1.0 OK" : "530 5.7.0 Authentication Required.");
          case "RCPT" -> reply(in, out, "250 2.1.5 OK");
          case "DATA" -> {
            reply(in, out, "354 Go ahead");
            swallowData(in);
            messages.incrementAndGet();
            reply(in, out, "250 2.0.0 OK queued");
          }
          case "RSET", "NOOP" -> reply(in, out, "250 2.0.0 OK");
          case "QUIT" -> {
            reply(in, out, "221 2.0.0 closing connection");
            return;
          }
          default -> reply(in, out, "502 5.5.1 Unrecognized command.");
        }
      }
    } catch (IOException dropped) {
      // the client went away; nothing to clean up beyond the socket
    }
  }

  private boolean tokenAccepted(String base64) {
    String decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    return decoded.contains("auth=Bearer " + expectedToken + "\u0001");
  }

  /** Writes a reply, flushing only when no pipelined command is already waiting. */
  private static void reply(InputStream in, OutputStream out, String reply) throws IOException {
    out.write(reply.getBytes(StandardCharsets.US_ASCII));
    out.write('\r');
    out.write('\n');
    if (in.available() == 0) {
      out.flush();
    }
  }

  private static void swallowData(InputStream in) throws IOException {
    // Reads until CRLF.CRLF; the state counts how much of the terminator has been seen.
    int state = 2; // as if a CRLF preceded the data, so an empty message's "." ends it
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\r' && (state == 0 || state == 3)) {
        state = state == 3 ? 4 : 1;
      } else if (b == '\n' && (state == 1 || state == 4)) {
        if (state == 4) {
          return;
        }
        state = 2;
      } else if (b == '.' && state == 2) {
        state = 3;
      } else {
        state = b == '\r' ? 1 : 0;
      }
    }
    throw new IOException("connection closed inside DATA");
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
