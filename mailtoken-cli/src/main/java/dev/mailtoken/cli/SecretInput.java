package dev.mailtoken.cli;

import dev.mailtoken.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret from a file, an environment variable or a no-echo prompt — never from the command
 * line, where it would land in shell history and {@code ps}. A file is read exactly
 * ({@link #fromFile}); an environment variable or a typed value has surrounding white space
 * removed. Stateless.
 */
final class SecretInput {
  private SecretInput() {
  }

  /**
   * @param what names the secret in messages ("client secret", "refresh token")
   * @param flag the option prefix for hints ("--client-secret")
   * @return the secret; a usage error when none of the three ways produced one
   */
  static Secret read(String what, String flag, Path file, String envVar, Map<String, String> env,
      SecretReader prompt) {
    if (file != null) {
      return fromFile(what, file);
    }
    if (envVar != null) {
      String value = env.get(envVar);
      if (value == null || value.isBlank()) {
        throw new CliException(ExitCode.USAGE, "environment variable " + envVar + " (the " + what
            + ") is not set or empty");
      }
      return Secret.of(value.strip());
    }
    Optional<String> typed = prompt.read(what + ": ");
    return typed.filter(s -> !s.isBlank()).map(s -> Secret.of(s.strip())).orElseThrow(() -> new CliException(
        ExitCode.USAGE, "no " + what + " given and no terminal to ask for it",
        "use " + flag + "-file FILE or " + flag + "-env VAR (never the value itself on the command line)"));
  }

  /**
   * The file's content is the secret, exactly: one trailing newline ({@code \n} or {@code \r\n},
   * as {@code echo} and editors write) is dropped; a second line, or white space around the
   * secret, is refused rather than guessed at, since a secret with a stray character fails later
   * and far from its cause.
   */
  static Secret fromFile(String what, Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read the " + what + " from " + file + ": " + e.getMessage());
    }
    String value = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
        : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (value.isBlank()) {
      throw new CliException(ExitCode.USAGE, "the " + what + " file " + file + " is empty");
    }
    String fix = "put the " + what + " alone in the file, with at most one newline after it: printf '%s\\n' VALUE > "
        + file;
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new CliException(ExitCode.USAGE, "the " + what + " file " + file + " has more than one line; it must"
          + " hold the " + what + " alone", fix);
    }
    if (!value.equals(value.strip())) {
      throw new CliException(ExitCode.USAGE, "the " + what + " in " + file + " starts or ends with white space,"
          + " which no " + what + " has", fix);
    }
    return Secret.of(value);
  }
}
