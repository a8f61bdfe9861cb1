package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The buffer between Jakarta Mail's byte-by-byte body writes and Angus's data stream. */
class DataBufferTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  /** Counts what reaches the underlying stream, and how. */
  private static final class Recording extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int blockWrites;
    int flushes;
    boolean closed;

    @Override
    public void write(int b) {
      throw new AssertionError("single-byte write reached the connection's stream");
    }

    @Override
    public void write(byte[] b, int off, int len) {
      blockWrites++;
      bytes.write(b, off, len);
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void givenSingleByteWritesBeyondTheBufferSize_whenDrained_thenTheBytesArriveInOrderInBlocks() throws IOException {
    Recording out = new Recording();
    DataBuffer buffer = new DataBuffer(out);
    byte[] expected = new byte[40_000];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (byte) ('a' + i % 26);
      buffer.write(expected[i]);
    }

    buffer.drain();

    assertThat(out.bytes.toByteArray()).isEqualTo(expected);
    assertThat(out.blockWrites).isEqualTo(3);
  }

  @Test
  void givenFlushAndClose_whenCalledByJakartaMail_thenNothingIsFlushedOrClosedBelow() throws IOException {
    Recording out = new Recording();
    DataBuffer buffer = new DataBuffer(out);
    buffer.write("part".getBytes(StandardCharsets.US_ASCII));

    buffer.flush();
    buffer.close();

    assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("part");
    assertThat(out.flushes).isZero();
    assertThat(out.closed).isFalse();
  }

  @Test
  void givenABodyWithDotLinesAndAnAttachment_whenSent_thenTheServerReceivesItIntact() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());
    String filler = ("x".repeat(70) + "\r\n").repeat(300); // 21,600 bytes: more than one buffer
    String text = ".starts with a dot\r\n..two dots\r\n.\r\nlast line, no dot\r\n" + filler;
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setSubject("dots");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(text, "us-ascii");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setContent("y".repeat(30_000), "application/octet-stream");
    attachment.setFileName("y.bin");
    m.setContent(new MimeMultipart(body, attachment));

    mailer.send(m);

    ReceivedMessage received = rig.smtp.messages().get(0);
    String data = received.text();
    assertThat(data).contains(".starts with a dot\r\n..two dots\r\n.\r\nlast line, no dot\r\n");
    assertThat(data).contains("Content-Transfer-Encoding: 7bit").contains(filler).contains("y.bin");
  }

  @Test
  void givenALongMessageThenAShortOneOnOneConnection_whenSent_thenTheSecondCarriesNothingOfTheFirst()
      throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().idleTimeout(java.time.Duration.ofDays(1)).build());
    String longText = ("z".repeat(70) + "\r\n").repeat(200); // 14,400 bytes: most of the connection's buffer

    MimeMessage longOne = MailRig.message(ALICE, "bob@example.org", "long");
    longOne.setText(longText, "us-ascii");
    mailer.send(longOne, ALICE);
    MimeMessage shortOne = MailRig.message(ALICE, "bob@example.org", "short");
    mailer.send(shortOne, ALICE);

    assertThat(rig.smtp.connectionCount()).isEqualTo(1);
    String second = rig.smtp.messages().get(1).text();
    assertThat(rig.smtp.messages().get(0).text()).contains(longText);
    assertThat(second).contains("Subject: short").endsWith("Hello from mailtoken: short\r\n").doesNotContain("zzz");
  }

  @Test
  void givenHeaderLines_whenWrittenAsALineStream_thenTheBytesAreThoseOfAngussLineStream() throws IOException {
    java.util.List<String> lines = java.util.List.of("Subject: plain", "X-Latin: caf\u00e9", "X-Wide: \u65e5\u672c",
        "X-Long: " + "h".repeat(20_000), "");
    Recording out = new Recording();
    DataBuffer buffer = new DataBuffer(out);
    ByteArrayOutputStream angus = new ByteArrayOutputStream();
    org.eclipse.angus.mail.util.LineOutputStream reference = new org.eclipse.angus.mail.util.LineOutputStream(angus,
        DataBuffer.ALLOW_UTF8);

    for (String line : lines) {
      buffer.writeln(line);
      reference.writeln(line);
    }
    buffer.writeln();
    reference.writeln();
    buffer.drain();

    assertThat(out.bytes.toByteArray()).isEqualTo(angus.toByteArray());
  }

  @Test
  void givenAMultipartMessageWithRawNonAsciiHeaders_whenSent_thenTheServerReceivesWhatWriteToWrites() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setSubject("Gr\u00fc\u00dfe", "utf-8");
    m.setHeader("X-Raw", "caf\u00e9");
    MimeBodyPart body = new MimeBodyPart();
    body.setText("text \u00e9", "utf-8");
    body.setHeader("X-Part", "part header");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setContent("z".repeat(5_000), "application/octet-stream");
    m.setContent(new MimeMultipart(body, attachment));
    m.saveChanges();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    m.writeTo(expected, new String[] {"Bcc", "Content-Length"});

    mailer.send(m);

    assertThat(new String(rig.smtp.messages().get(0).data(), StandardCharsets.ISO_8859_1))
        .isEqualTo(expected.toString(StandardCharsets.ISO_8859_1));
  }
}
