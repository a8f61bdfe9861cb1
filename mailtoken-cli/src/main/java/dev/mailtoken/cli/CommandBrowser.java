package dev.mailtoken.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens the URL with commands, as {@code $BROWSER} and {@code --browser} name them: each command is
 * split into words (single and double quotes group), {@code %s} becomes the URL (else the URL is
 * appended as the last argument), {@code %%} a percent sign and {@code %c} a colon. With
 * {@code $BROWSER}'s colon-separated list the commands are tried in order until one runs. A command
 * ran when it exits with status 0 within a short grace period, or is still running after it (a
 * browser that stays open); a command that cannot start or exits non-zero is reported on stderr and
 * the next one is tried. No shell is involved: the URL is one argument, never interpreted.
 *
 * <p>The commands share this terminal (standard streams inherited), so text browsers such as
 * {@code w3m} work. Not thread-safe (reports to one writer).
 */
final class CommandBrowser implements Browser {
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

  private final List<String> commands;
  private final Duration grace;
  private final PrintWriter err;

  CommandBrowser(List<String> commands, Duration grace, PrintWriter err) {
    this.commands = List.copyOf(commands);
    this.grace = grace;
    this.err = err;
  }

  /** {@code $BROWSER}: a colon-separated list of commands; empty entries are skipped. */
  static CommandBrowser fromBrowserVariable(String value, PrintWriter err) {
    List<String> commands = new ArrayList<>();
    for (String entry : value.split(":")) {
      if (!entry.isBlank()) {
        commands.add(entry.trim());
      }
    }
    return new CommandBrowser(commands, DEFAULT_GRACE, err);
  }

  /** {@code --browser CMD}: one command (it may contain colons). */
  static CommandBrowser single(String command, PrintWriter err) {
    return new CommandBrowser(List.of(command.trim()), DEFAULT_GRACE, err);
  }

  @Override
  public boolean open(URI uri) {
    for (String command : commands) {
      List<String> argv = argv(command, uri.toString());
      if (argv.isEmpty()) {
        continue;
      }
      if (run(argv)) {
        return true;
      }
    }
    return false;
  }

  private boolean run(List<String> argv) {
    try {
      Process process = new ProcessBuilder(argv).inheritIO().start();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;   // still running: a browser window that stays open
      }
      if (process.exitValue() == 0) {
        return true;
      }
      err.println("browser command " + argv.get(0) + " failed (exit status " + process.exitValue() + ")");
    } catch (IOException e) {
      err.println("cannot run browser command " + argv.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** The words of {@code command} with the placeholders replaced. */
  static List<String> argv(String command, String url) {
    List<String> words = words(command);
    List<String> argv = new ArrayList<>();
    boolean placed = false;
    for (String word : words) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
        if (c == '%' && next == 's') {
          out.append(url);
          placed = true;
          i++;
        } else if (c == '%' && next == '%') {
          out.append('%');
          i++;
        } else if (c == '%' && next == 'c') {
          out.append(':');
          i++;
        } else {
          out.append(c);
        }
      }
      argv.add(out.toString());
    }
    if (!placed && !argv.isEmpty()) {
      argv.add(url);
    }
    return argv;
  }

  /** Splits on whitespace; single or double quotes group words (no escapes inside single quotes). */
  private static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
          word.append(command.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
