package dev.mailtoken.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An HTTPS endpoint on 127.0.0.1 that answers every request with one fixed JSON body, presenting
 * the certificate of {@code serverContext}. HTTP/1.1 only, one connection at a time, closed after
 * each answer: enough for a token request or an API call behind a private CA. Shared by core's and
 * mail's tests. Close it after the test.
 */
public final class TlsEndpoint implements AutoCloseable {
  private final SSLServerSocket server;
  private final Thread acceptor;
  private final String json;

  public TlsEndpoint(SSLContext serverContext, String json) throws IOException {
    this.json = json;
    this.server = (SSLServerSocket) serverContext.getServerSocketFactory()
        .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::serve, "tls-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.getLocalPort() + path);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        answer(s);
      } catch (IOException e) {
        // a refused handshake (the client did not trust us) or a closed server: next connection
      }
    }
  }

  private void answer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    String head = readHead(in);
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
