package dev.mailtoken.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The body {@code send} sends: its text and MIME subtype ({@code plain} or {@code html}), from
 * {@code --text}, {@code --html} or {@code --file}; the value {@code -} reads standard input
 * instead. Text must be UTF-8.
 *
 * @param text the body text
 * @param subtype {@code plain} or {@code html}
 */
record MessageBody(String text, String subtype) {
  /** Names standard input as the value of {@code --text}, {@code --html}, {@code --file} and {@code --raw}. */
  static final String STDIN = "-";

  /**
   * The body one of the options gives (exactly one is non-null).
   *
   * @throws CliException (usage) when a file or standard input cannot be read or is not UTF-8
   */
  static MessageBody of(String text, String html, Path file, InputStream stdin) {
    if (text != null) {
      return new MessageBody(text.equals(STDIN) ? stdin(stdin, "--text -") : text, "plain");
    }
    if (html != null) {
      return new MessageBody(html.equals(STDIN) ? stdin(stdin, "--html -") : html, "html");
    }
    if (file.toString().equals(STDIN)) {
      return new MessageBody(stdin(stdin, "--file -"), "plain");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read the body file " + file + ": " + (Files.exists(file)
          ? e.getMessage() : "there is no such file"), "nothing was sent");
    }
    return new MessageBody(utf8(bytes, "the body file " + file), MessageComposer.subtypeOf(file));
  }

  private static String stdin(InputStream in, String option) {
    try {
      return utf8(MessageInput.readAll(in), "standard input (" + option + ")");
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read the body from standard input (" + option + "): "
          + e.getMessage());
    }
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new CliException(ExitCode.USAGE, what + " is not UTF-8 text",
          "convert it (iconv -t UTF-8), or send a ready-made message with --raw FILE");
    }
  }
}
