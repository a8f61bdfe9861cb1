package dev.mailtoken.server;

import java.io.IOException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client that offers exactly one protocol version to a loopback server and says whether the
 * handshake worked. Runs in-process ({@link #handshake}) or as its own JVM ({@link #main}), for a
 * version the test JVM's security settings would not even offer (TLS 1.1). It trusts any
 * certificate: it only probes protocol versions of a listener the test started itself.
 */
public final class TlsProbe {
  private TlsProbe() {
  }

  /** The negotiated protocol, or the handshake failure's message prefixed by {@code refused: }. */
  public static String handshake(int port, String protocol) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingManager()}, null);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket.getSession().getProtocol();
      }
    } catch (IOException e) {
      return "refused: " + e.getMessage();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code TlsProbe PORT PROTOCOL}: prints what {@link #handshake} returns. */
  public static void main(String[] args) {
    System.out.println(handshake(Integer.parseInt(args[0]), args[1]));
  }

  private static final class TrustingManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
