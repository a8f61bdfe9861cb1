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
 * line, where it would land in shell history and {@code ps}. Stateless.
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
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw new CliException(ExitCode.USAGE, "the " + what + " file " + file + " is empty");
        }
        return Secret.of(value);
      } catch (IOException e) {
        throw new CliException(ExitCode.USAGE, "cannot read the " + what + " from " + file + ": " + e.getMessage());
      }
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
}
