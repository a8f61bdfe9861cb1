package dev.mailtoken.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A raw SMTP client for tests: send a line, read a (multi-line) reply, upgrade to TLS. */
final class SmtpWire implements AutoCloseable {
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private SmtpWire(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Connects in the clear and returns after reading the greeting (see {@link #greeting}). */
  static SmtpWire plain(SmtpEmulator smtp) {
    try {
      return new SmtpWire(new Socket(smtp.host(), smtp.port()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connects with TLS from the first byte (implicit TLS), verifying the host name 127.0.0.1. */
  static SmtpWire implicitTls(SmtpEmulator smtp) {
    try {
      SSLSocket ssl = (SSLSocket) smtp.clientSslContext().getSocketFactory().createSocket(smtp.host(), smtp.port());
      verifyHostname(ssl);
      ssl.startHandshake();
      return new SmtpWire(ssl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void verifyHostname(SSLSocket ssl) {
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(parameters);
  }

  /** Wraps the connection in TLS (after a 220 to STARTTLS). */
  void upgrade(SSLContext context) {
    try {
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
      verifyHostname(ssl);
      ssl.setUseClientMode(true);
      ssl.startHandshake();
      socket = ssl;
      in = ssl.getInputStream();
      out = ssl.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean tls() {
    return socket instanceof SSLSocket;
  }

  /** Sends one line, returns the reply (lines joined by "\n"). */
  String send(String line) {
    write(line);
    return reply();
  }

  void write(String line) {
    try {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a reply: lines until one whose 4th character is a space; null at end of stream. */
  String reply() {
    StringBuilder reply = new StringBuilder();
    while (true) {
      String line = line();
      if (line == null) {
        return reply.length() == 0 ? null : reply.toString();
      }
      if (reply.length() > 0) {
        reply.append('\n');
      }
      reply.append(line);
      if (line.length() < 4 || line.charAt(3) == ' ') {
        return reply.toString();
      }
    }
  }

  /** One line without CRLF, or null at end of stream. */
  String line() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        bytes.write(b);
      }
      if (b == -1 && bytes.size() == 0) {
        return null;
      }
      String line = bytes.toString(StandardCharsets.UTF_8);
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      return null; // a reset connection reads as closed
    }
  }

  /** True if the server closed the connection (the next read sees end of stream). */
  boolean closedByServer() {
    return line() == null;
  }

  /** Greeting, EHLO, STARTTLS, EHLO again: a session ready for AUTH. Returns the post-TLS EHLO reply. */
  String handshake(SmtpEmulator smtp) {
    reply();
    String ehlo = send("EHLO client.example");
    if (smtp.tlsMode() == TlsMode.STARTTLS) {
      send("STARTTLS");
      upgrade(smtp.clientSslContext());
      ehlo = send("EHLO client.example");
    }
    return ehlo;
  }

  static String xoauth2(String user, String token) {
    return b64("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
  }

  static String oauthBearer(String user, String token, int port) {
    return b64("n,a=" + user + ",\u0001host=127.0.0.1\u0001port=" + port + "\u0001auth=Bearer " + token
        + "\u0001\u0001");
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket: nothing to do
    }
  }
}
