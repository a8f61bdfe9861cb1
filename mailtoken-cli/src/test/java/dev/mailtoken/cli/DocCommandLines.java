package dev.mailtoken.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mailtoken …} command lines a Markdown file shows: every simple command whose program
 * is {@code mailtoken} (or {@code bin/mailtoken}) in a fenced {@code sh}/{@code bash}/{@code shell}/
 * {@code console} block, and every inline code span that starts with {@code mailtoken } and has no
 * ellipsis (an ellipsis marks an abbreviated command, not one to run).
 *
 * <p>Shell handling is deliberately small, enough for documentation: {@code \} continuations are
 * joined, {@code #} comments and a leading {@code $ } prompt dropped, {@code $(…)} substitutions
 * become commands of their own, lines are split at {@code && || ; |}, leading {@code VAR=value}
 * assignments and redirections ({@code > f}, {@code 2>&1}) are removed, and words are unquoted
 * (single quotes literal, double quotes and backslash escapes). Stateless.
 */
final class DocCommandLines {
  /** One command: where it was written (relative to the repository) and its arguments after the program name. */
  record CommandLine(Path file, int line, List<String> args) {
    @Override
    public String toString() {
      return file + ":" + line + ": mailtoken " + String.join(" ", args);
    }
  }

  private static final Set<String> SHELL_FENCES = Set.of("sh", "bash", "shell", "console");
  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_+-]*).*$");
  private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\(([^()]*)\\)");

  private DocCommandLines() {
  }

  /** The commands in {@code root.resolve(markdown)}, reported as written in {@code markdown}. */
  static List<CommandLine> in(Path root, Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve(markdown));
    List<CommandLine> found = new ArrayList<>();
    StringBuilder prose = new StringBuilder();
    int proseStart = 1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        if (prose.length() == 0) {
          proseStart = i + 1;
        }
        prose.append(lines.get(i)).append('\n');
        continue;
      }
      found.addAll(inline(markdown, proseStart, prose.toString()));
      prose.setLength(0);
      boolean shell = SHELL_FENCES.contains(fence.group(1).toLowerCase(java.util.Locale.ROOT));
      int start = i + 1;
      for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
        // the block's body; read below when it is a shell block
      }
      if (shell) {
        found.addAll(block(markdown, start + 1, lines.subList(start, i)));
      }
    }
    found.addAll(inline(markdown, proseStart, prose.toString()));
    return found;
  }

  /** The commands of one shell block; {@code firstLine} is the 1-based line number of its first line. */
  static List<CommandLine> block(Path file, int firstLine, List<String> body) {
    List<CommandLine> found = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    int logicalStart = firstLine;
    for (int k = 0; k < body.size(); k++) {
      String raw = body.get(k);
      if (logical.length() == 0) {
        logicalStart = firstLine + k;
      }
      String line = stripComment(raw);
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      found.addAll(commands(file, logicalStart, logical.toString()));
      logical.setLength(0);
    }
    if (logical.length() > 0) {
      found.addAll(commands(file, logicalStart, logical.toString()));
    }
    return found;
  }

  private static List<CommandLine> inline(Path file, int firstLine, String prose) {
    List<CommandLine> found = new ArrayList<>();
    Matcher m = INLINE.matcher(prose);
    while (m.find()) {
      String code = m.group(1).replace('\n', ' ').strip();
      if (code.startsWith("mailtoken ") && !code.contains("…") && !code.contains("...")) {
        int line = firstLine + (int) prose.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        found.addAll(commands(file, line, code));
      }
    }
    return found;
  }

  /** Every mailtoken invocation in one logical shell line. */
  static List<CommandLine> commands(Path file, int line, String text) {
    List<CommandLine> found = new ArrayList<>();
    String rest = text.strip();
    if (rest.startsWith("$ ")) {
      rest = rest.substring(2);
    }
    Matcher sub = SUBSTITUTION.matcher(rest);
    StringBuilder outer = new StringBuilder();
    while (sub.find()) {
      found.addAll(commands(file, line, sub.group(1)));
      sub.appendReplacement(outer, "SUBSTITUTED");
    }
    sub.appendTail(outer);
    for (List<String> simple : simpleCommands(outer.toString())) {
      List<String> words = withoutAssignmentsAndRedirections(simple);
      if (!words.isEmpty() && (words.get(0).equals("mailtoken") || words.get(0).endsWith("/mailtoken"))) {
        found.add(new CommandLine(file, line, List.copyOf(words.subList(1, words.size()))));
      }
    }
    return found;
  }

  /** Drops a {@code #} comment: a {@code #} that starts a word outside quotes. */
  static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == 0 && c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i).stripTrailing();
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote != '\'' && i + 1 < line.length()) {
        i++;
      }
    }
    return line.stripTrailing();
  }

  /** Splits at {@code && || ; |} outside quotes and unquotes the words of each part. */
  static List<List<String>> simpleCommands(String text) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c) || c == ';' || c == '|' || c == '&' && next(text, i) == '&') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if (!Character.isWhitespace(c)) {
          commands.add(words);
          words = new ArrayList<>();
          if (c != ';' && next(text, i) == c) {
            i++;
          }
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    commands.add(words);
    commands.removeIf(List::isEmpty);
    return commands;
  }

  private static char next(String text, int i) {
    return i + 1 < text.length() ? text.charAt(i + 1) : 0;
  }

  private static List<String> withoutAssignmentsAndRedirections(List<String> words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (out.isEmpty() && w.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        continue;
      }
      if (w.matches("[0-9]*(>>?|<)(&[0-9-])?")) {
        if (!w.contains("&")) {
          i++;
        }
        continue;
      }
      if (w.matches("[0-9]*(>>?|<)\\S+")) {
        continue;
      }
      out.add(w);
    }
    return out;
  }
}
