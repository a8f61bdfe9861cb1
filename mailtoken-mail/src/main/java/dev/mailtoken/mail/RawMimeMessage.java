package dev.mailtoken.mail;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Raw message bytes dressed as a {@link MimeMessage} for Angus's SMTP transport: {@code getFrom()}
 * answers the envelope sender (Angus's {@code MAIL FROM}, and {@link SmtpPipeline}'s), and
 * {@code writeTo} writes the bytes as they are (Angus's data stream still dot-stuffs them and ends
 * them with CRLF). Nothing is parsed or saved. Confined to the sending thread.
 */
final class RawMimeMessage extends MimeMessage {
  private final InternetAddress sender;
  private final byte[] bytes;

  RawMimeMessage(Session session, InternetAddress sender, byte[] bytes) {
    super(session);
    this.sender = sender;
    this.bytes = bytes;
  }

  @Override
  public Address[] getFrom() {
    return new Address[] {sender};
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }

  @Override
  public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
    out.write(bytes);
  }

  /** The bytes are final: nothing to save. */
  @Override
  public void saveChanges() {
    // sent as they are
  }

  @Override
  public int getSize() {
    return bytes.length;
  }
}
