package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes wait for the connection's next read, so a pipelined group leaves in one write. */
class WriteBehindSocketTest {
  private static final byte[] MAIL = "MAIL FROM:<a@example.com>\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RCPT = "RCPT TO:<b@example.org>\r\n".getBytes(StandardCharsets.US_ASCII);

  /** An output stream that records each write it gets. */
  private static final class RecordingOutput extends OutputStream {
    final List<String> writes = new ArrayList<>();

    @Override
    public void write(int b) {
      writes.add(String.valueOf((char) b));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.add(new String(b, off, len, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void givenCommandsWrittenAndFlushedOneByOne_whenNothingIsRead_thenNoneReachesTheSocket() throws Exception {
    RecordingOutput socket = new RecordingOutput();
    HeldOutputStream out = new HeldOutputStream(socket);

    out.write(MAIL);
    out.flush();
    out.write(RCPT);
    out.flush();

    assertThat(socket.writes).isEmpty();
  }

  @Test
  void givenCommandsWrittenAndFlushedOneByOne_whenTheConnectionReads_thenTheyLeaveInOneWrite() throws Exception {
    RecordingOutput socket = new RecordingOutput();
    HeldOutputStream out = new HeldOutputStream(socket);
    InputStream in = new ReleasingInputStream(new ByteArrayInputStream("250 OK\r\n".getBytes(StandardCharsets.US_ASCII)),
        out);
    out.write(MAIL);
    out.flush();
    out.write(RCPT);
    out.flush();

    int first = in.read();

    assertThat(first).isEqualTo('2');
    assertThat(socket.writes).containsExactly(new String(MAIL, StandardCharsets.US_ASCII)
        + new String(RCPT, StandardCharsets.US_ASCII));
  }

  @Test
  void givenMoreThanTheBufferHolds_whenWritten_thenItLeavesWithoutWaitingForARead() throws Exception {
    RecordingOutput socket = new RecordingOutput();
    HeldOutputStream out = new HeldOutputStream(socket);
    byte[] big = new byte[HeldOutputStream.SIZE + 1];

    out.write(MAIL);
    out.write(big);

    assertThat(socket.writes).hasSize(2);
    assertThat(socket.writes.get(1)).hasSize(big.length);
  }

  @Test
  void givenHeldBytes_whenTheSocketCloses_thenThePeerReceivesThemFirst() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Socket client = new PipeliningSocketFactory().createSocket();
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (Socket peer = server.accept()) {
        client.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();

        client.close();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        peer.getInputStream().transferTo(received);
        assertThat(received.toString(StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
      }
    }
  }

  @Test
  void givenAPipelinedGroup_whenTheClientWaitsForTheReply_thenThePeerGetsTheGroupInOneRead() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket client = new PipeliningSocketFactory().createSocket()) {
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (Socket peer = server.accept()) {
        OutputStream out = client.getOutputStream();
        for (byte[] command : List.of(MAIL, RCPT, "DATA\r\n".getBytes(StandardCharsets.US_ASCII))) {
          out.write(command);
          out.flush();
        }
        peer.getOutputStream().write("250 OK\r\n".getBytes(StandardCharsets.US_ASCII));

        client.getInputStream().read(); // waits for the reply: the group leaves now

        byte[] buffer = new byte[4096];
        int n = peer.getInputStream().read(buffer);
        assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII))
            .isEqualTo("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
      }
    }
  }

  @Test
  void givenASessionWithAWriteTimeout_whenItsSocketIsMade_thenWritesAreNotHeldOutOfTheTimeoutsReach()
      throws Exception {
    java.util.Properties extra = new java.util.Properties();
    extra.setProperty("mail.smtp.user", "alice@example.com");
    extra.setProperty("mail.smtp.writetimeout", "5000");
    SmtpServer server = SmtpServer.builder().host("127.0.0.1").build();

    jakarta.mail.Session session = MailSessions.create(extra, server, renew -> {
      throw new AssertionError("no token is needed to make a socket");
    });

    Object factory = session.getProperties().get("mail.smtp.socketFactory");
    try (Socket s = ((javax.net.SocketFactory) factory).createSocket()) {
      assertThat(s).isNotInstanceOf(WriteBehindSocket.class);
      assertThat(s.getTcpNoDelay()).isTrue();
    }
    try (Socket s = ((javax.net.SocketFactory) server.sessionProperties().get("mail.smtp.socketFactory")).createSocket()) {
      assertThat(s).isInstanceOf(WriteBehindSocket.class);
    }
  }
}
