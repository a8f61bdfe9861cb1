package dev.mailtoken.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message or a body from standard input ({@code send --text -}, {@code --raw -},
 * {@code sendmail}). Stateless.
 */
final class MessageInput {
  private MessageInput() {
  }

  /** Everything up to the end of input. */
  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  /**
   * Up to the end of input or, as sendmail reads without {@code -i}, up to a line holding a single
   * dot ({@code .} before {@code \n} or {@code \r\n}), which is not part of the message; whatever
   * follows it is ignored.
   */
  static byte[] readUntilDotLine(InputStream stdin) throws IOException {
    InputStream in = new java.io.BufferedInputStream(stdin);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        if (isDotLine(line.toByteArray())) {
          return message.toByteArray();
        }
        line.writeTo(message);
        line.reset();
      }
    }
    if (!isDotLine(line.toByteArray())) {
      line.writeTo(message);
    }
    return message.toByteArray();
  }

  private static boolean isDotLine(byte[] line) {
    String s = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
    return s.equals(".\n") || s.equals(".\r\n") || s.equals(".");
  }
}
