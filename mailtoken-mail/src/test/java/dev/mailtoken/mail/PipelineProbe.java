package dev.mailtoken.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback SMTP server (no TLS, any XOAUTH2 token accepted) that tells whether a client
 * pipelines: before answering {@code MAIL FROM} it waits up to {@link #WAIT_MS} for the client's
 * next command. A pipelining client has already written {@code RCPT} (and {@code DATA}); one that
 * waits for each reply writes nothing until {@code MAIL} is answered, so the wait expires.
 * Advertises {@code PIPELINING} only when told to. It refuses any recipient whose address contains
 * "refused" but, unlike a conforming server (RFC 2920 §3.1), answers every DATA with 354 even when
 * no recipient was accepted. Thread-safe; one thread per connection.
 */
final class PipelineProbe implements AutoCloseable {
  static final long WAIT_MS = 400;

  private final boolean advertise;
  private final ServerSocket server;
  private final List<Boolean> mailPipelined = new ArrayList<>();
  private final List<Integer> readsPerEnvelope = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private int messages;

  PipelineProbe(boolean advertise) throws IOException {
    this.advertise = advertise;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "pipeline-probe");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Per MAIL FROM received: whether the next command had arrived before MAIL was answered. */
  synchronized List<Boolean> mailPipelined() {
    return List.copyOf(mailPipelined);
  }

  /**
   * Per MAIL FROM received: how many socket reads it took to receive MAIL and the commands
   * pipelined with it (RCPT, and DATA with one recipient) — 1 when the client wrote them together.
   */
  synchronized List<Integer> readsPerEnvelope() {
    return List.copyOf(readsPerEnvelope);
  }

  /** Every command line received, in order (AUTH arguments dropped). */
  synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  synchronized int messages() {
    return messages;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "pipeline-probe-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      CountingInput counted = new CountingInput(socket.getInputStream());
      int envelopeStart = 0;
      BufferedInputStream in = new BufferedInputStream(counted);
      OutputStream out = socket.getOutputStream();
      reply(out, "220 probe ESMTP");
      String line;
      while ((line = readLine(in)) != null) {
        String verb = line.split(" ", 2)[0].toUpperCase();
        synchronized (this) {
          commands.add(verb.equals("AUTH") ? "AUTH" : line);
        }
        switch (verb) {
          case "EHLO" -> reply(out, "250-probe\r\n" + (advertise ? "250-PIPELINING\r\n" : "") + "250 AUTH XOAUTH2");
          case "AUTH" -> {
            if (line.trim().split(" ").length == 2) { // the initial response on a line of its own
              reply(out, "334 ");
              readLine(in);
            }
            reply(out, "235 2.7.0 Accepted");
          }
          case "MAIL" -> {
            envelopeStart = counted.reads; // the read that brought MAIL in
            boolean early = nextCommandWaiting(socket, in);
            synchronized (this) {
              mailPipelined.add(early);
            }
            reply(out, "250 2.1.0 OK");
          }
          case "RCPT" -> reply(out, line.contains("refused") ? "550 5.1.1 No such user" : "250 2.1.5 OK");
          case "DATA" -> {
            synchronized (this) {
              readsPerEnvelope.add(counted.reads - envelopeStart + 1);
            }
            data(in, out);
          }
          case "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
          case "QUIT" -> {
            reply(out, "221 2.0.0 Bye");
            return;
          }
          default -> reply(out, "502 5.5.1 Unrecognized command");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void data(InputStream in, OutputStream out) throws IOException {
    reply(out, "354 Go ahead");
    String line;
    while ((line = readLine(in)) != null && !line.equals(".")) {
      // discard the content
    }
    if (line == null) {
      return; // the client closed the connection in data mode: nothing delivered
    }
    synchronized (this) {
      messages++;
    }
    reply(out, "250 2.0.0 OK queued");
  }

  /** Whether the client's next command arrives within {@link #WAIT_MS}; it is left unread. */
  private static boolean nextCommandWaiting(Socket socket, BufferedInputStream in) throws IOException {
    socket.setSoTimeout((int) WAIT_MS);
    in.mark(1);
    try {
      boolean arrived = in.read() != -1;
      in.reset();
      return arrived;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(0);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return null;
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** Counts the reads that reach the socket. Confined to one session thread. */
  private static final class CountingInput extends java.io.FilterInputStream {
    int reads;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      reads++;
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      reads++;
      return super.read(b, off, len);
    }
  }
}
