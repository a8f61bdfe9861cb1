package dev.mailtoken.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The places in main sources where a user-facing message is written, read from the Java text (no
 * compilation): each site is a call such as {@code new CliException(…)}, {@code Finding.problem(…)}
 * or a {@code super(…)} in an exception class, with the text of all string literals inside its
 * parentheses joined (what lies between them, variables and method calls, is dropped). A message
 * assembled earlier in a local variable or helper method shows up only in {@link #fileText}.
 * Immutable after {@link #scan}.
 */
final class MessageSites {
  /** Which kind of message a site writes; every kind here must be documented in troubleshooting.md. */
  enum Kind {
    /** {@code mailtoken: …} + {@code hint: …} from the CLI itself ({@code CliException}, {@code SendmailFailure}). */
    CLI_ERROR,
    /** A {@code doctor} finding ({@code [problem]} or {@code [warning]}). */
    DOCTOR_FINDING,
    /** A {@code warning: …} or {@code note: …} line on stderr. */
    CLI_NOTE,
    /** The message of a {@code MailtokenException} (or subtype) built in main code. */
    LIBRARY_EXCEPTION
  }

  record Site(Kind kind, Path file, int line, String call, String text) {
    @Override
    public String toString() {
      return file + ":" + line + " " + call + ": \"" + text + "\"";
    }
  }

  static final List<String> MODULES = List.of("mailtoken-core", "mailtoken-mail", "mailtoken-store", "mailtoken-server",
      "mailtoken-cli");
  private static final Pattern EXTENDS = Pattern.compile("class\\s+(\\w+)\\s+extends\\s+(\\w+)");
  private static final Pattern CLI_CALL = Pattern.compile("new\\s+(?:CommandLine\\.)?(CliException|SendmailFailure|ParameterException"
      + "|TypeConversionException)\\s*\\(|Finding\\.(problem|warning)\\s*\\(|err(?:\\(\\))?\\.println\\s*\\(");

  final List<Site> sites;
  /** Per source file (relative to the root), all its string literals joined in order. */
  final Map<Path, String> fileText;
  /** Simple names of MailtokenException and every class extending it, found in main sources. */
  final Set<String> exceptionTypes;

  private MessageSites(List<Site> sites, Map<Path, String> fileText, Set<String> exceptionTypes) {
    this.sites = List.copyOf(sites);
    this.fileText = Map.copyOf(fileText);
    this.exceptionTypes = Set.copyOf(exceptionTypes);
  }

  static MessageSites scan(Path root) throws IOException {
    Map<Path, String> sources = new LinkedHashMap<>();
    for (String module : MODULES) {
      Path dir = root.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sources.put(root.relativize(f),
            read(f)));
      }
    }
    Set<String> types = exceptionTypes(sources.values());
    Pattern libraryCall = Pattern.compile("new\\s+(" + String.join("|", types) + ")\\s*\\(|\\bsuper\\s*\\(");
    List<Site> sites = new ArrayList<>();
    Map<Path, String> fileText = new LinkedHashMap<>();
    sources.forEach((file, src) -> {
      fileText.put(file, joinedLiterals(src));
      boolean exceptionClass = types.contains(file.getFileName().toString().replace(".java", ""));
      Matcher m = libraryCall.matcher(src);
      while (m.find()) {
        if (m.group(1) != null || exceptionClass) {
          sites.add(site(Kind.LIBRARY_EXCEPTION, file, src, m.start(), m.end() - 1, m.group(1) != null ? m.group(1) : "super"));
        }
      }
      if (file.startsWith("mailtoken-cli")) {
        Matcher c = CLI_CALL.matcher(src);
        while (c.find()) {
          Site s = site(c.group(2) != null ? Kind.DOCTOR_FINDING : c.group(1) != null ? Kind.CLI_ERROR : Kind.CLI_NOTE,
              file, src, c.start(), c.end() - 1, c.group(1) != null ? c.group(1) : c.group(2) != null ? "Finding." + c.group(2)
                  : "println");
          if (s.kind() != Kind.CLI_NOTE || s.text().startsWith("warning:") || s.text().startsWith("note:")) {
            sites.add(s);
          }
        }
      }
    });
    return new MessageSites(sites, fileText, types);
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** MailtokenException and its subclasses, transitively, by simple name. */
  static Set<String> exceptionTypes(Iterable<String> sources) {
    Map<String, String> parent = new LinkedHashMap<>();
    for (String src : sources) {
      Matcher m = EXTENDS.matcher(src);
      while (m.find()) {
        parent.put(m.group(1), m.group(2));
      }
    }
    Set<String> types = new LinkedHashSet<>(Set.of("MailtokenException"));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, String> e : parent.entrySet()) {
        if (types.contains(e.getValue()) && types.add(e.getKey())) {
          grew = true;
        }
      }
    }
    return types;
  }

  /** The site whose call starts at {@code start} and whose argument list opens at {@code open}. */
  private static Site site(Kind kind, Path file, String src, int start, int open, String call) {
    String args = src.substring(open, closing(src, open) + 1);
    int line = (int) src.substring(0, start).chars().filter(ch -> ch == '\n').count() + 1;
    return new Site(kind, file, line, call, joinedLiterals(args));
  }

  /** The index of the parenthesis closing the one at {@code open}, skipping literals and line comments. */
  static int closing(String src, int open) {
    int depth = 0;
    for (int i = open; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfLiteral(src, i);
      } else if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
        i = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses after offset " + open);
  }

  private static int endOfLiteral(String src, int start) {
    char quote = src.charAt(start);
    for (int i = start + 1; i < src.length(); i++) {
      if (src.charAt(i) == '\\') {
        i++;
      } else if (src.charAt(i) == quote) {
        return i;
      }
    }
    return src.length();
  }

  /** All string literals of {@code code}, unescaped and joined; char literals and comments are not strings. */
  static String joinedLiterals(String code) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
        i = code.indexOf('\n', i) < 0 ? code.length() : code.indexOf('\n', i);
      } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
        i = code.indexOf("*/", i + 2) < 0 ? code.length() : code.indexOf("*/", i + 2) + 1;
      } else if (c == '\'') {
        i = endOfLiteral(code, i);
      } else if (c == '"') {
        int end = endOfLiteral(code, i);
        text.append(unescape(code.substring(i + 1, Math.min(end, code.length()))));
        i = end;
      }
    }
    return text.toString();
  }

  private static String unescape(String literal) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length()) {
        char e = literal.charAt(++i);
        out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
