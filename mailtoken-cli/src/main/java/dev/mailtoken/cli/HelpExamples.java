package dev.mailtoken.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Breaks the example command lines in every help footer that are wider than the help (80 columns)
 * into shell continuation lines ({@code \}), between words and never inside quotes. picocli would
 * otherwise wrap them anywhere, even inside a host name, and a copied example would not run.
 * Stateless.
 */
final class HelpExamples {
  /** picocli's usage width is 80; a line of 79 or more characters may already wrap. */
  static final int WIDTH = 78;
  private static final String CONTINUATION_INDENT = "      ";

  private HelpExamples() {
  }

  /** Rewrites the footers of {@code cl} and all its subcommands in place. */
  static void wrapAll(CommandLine cl) {
    UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
    usage.footer(wrap(usage.footer()));
    cl.getSubcommands().values().forEach(HelpExamples::wrapAll);
  }

  static String[] wrap(String[] footer) {
    List<String> out = new ArrayList<>();
    for (String line : footer) {
      if (line.startsWith("  ") && line.length() > WIDTH) {
        out.addAll(breakLine(line));
      } else {
        out.add(line);
      }
    }
    return out.toArray(String[]::new);
  }

  /** One example as lines of at most {@link #WIDTH} characters (a single word longer than that stays whole). */
  static List<String> breakLine(String line) {
    List<String> lines = new ArrayList<>();
    String current = "";
    for (String word : units(words(line.strip()))) {
      if (current.isEmpty()) {
        current = (lines.isEmpty() ? "  " : CONTINUATION_INDENT) + word;
        continue;
      }
      String longer = current + " " + word;
      if (longer.length() + " \\".length() > WIDTH) {
        lines.add(current + " \\");
        current = CONTINUATION_INDENT + word;
      } else {
        current = longer;
      }
    }
    lines.add(current);
    return lines;
  }

  /** An option and its value stay on one line ({@code --subject Report}), which reads as one thing. */
  private static List<String> units(List<String> words) {
    List<String> units = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      boolean valueFollows = i + 1 < words.size() && !words.get(i + 1).startsWith("-")
          && !words.get(i + 1).startsWith("#");
      if (w.startsWith("-") && valueFollows) {
        units.add(w + " " + words.get(++i));
      } else {
        units.add(w);
      }
    }
    return units;
  }

  /** Splits at spaces outside single or double quotes; a trailing {@code # comment} is one word. */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && c == '#' && word.length() == 0) {
        // A comment stays whole: a continuation inside it would not continue, the rest would run.
        words.add(text.substring(i));
        return words;
      }
      if (quote == 0 && c == ' ') {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      word.append(c);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
