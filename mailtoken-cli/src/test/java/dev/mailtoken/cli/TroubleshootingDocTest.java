package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.web.ProblemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md and the messages in main code agree in both directions, so the document
 * cannot drift. The document quotes each message on a {@code > } line as a code span, with {@code …}
 * standing for the parts filled in at run time (addresses, server replies):
 *
 * <pre>
 * > `no app named "…" in …`
 * </pre>
 *
 * <p>A quote matches a message when its pieces between the {@code …} appear, in order, in the
 * message's string literals (spaces around an {@code …} are not compared). The rules:
 *
 * <ol>
 *   <li>Every quote matches a message site, or at least the literals of one main source file (for
 *       messages assembled in a helper): a quote of a message that no longer exists fails.
 *   <li>Every site of every {@link MessageSites.Kind} is matched by some quote: a new or reworded
 *       message without an entry fails, naming the file and line.
 *   <li>Every {@code MailtokenException} type is named in the document (its messages may be built in
 *       helpers the site scan cannot see; the type's entry covers them).
 *   <li>Every problem type the server answers with ({@link ProblemType}) has one row, with its
 *       status and what to do, in the "Server API problems" table, and the table has no other rows.
 * </ol>
 *
 * <p>Sites whose literals hold no letter (the message comes from elsewhere, for example
 * {@code new CliException(code, e.getMessage(), hint)} with a variable hint) and the few
 * {@link #PARTS} (a word or two that another site's message wraps) are exempt from rule 2.
 */
class TroubleshootingDocTest {
  /** Literal text of sites that only pass a piece of a message built in an exception class or helper. */
  static final Set<String> PARTS = Set.of("was rejected", "expired at ", "; retry later");

  private static final Pattern QUOTE = Pattern.compile("`([^`]+)`");
  private static final Pattern TYPE_NAME = Pattern.compile("\\b(\\w+Exception)\\b");
  /** A row of the server problems table: type URI, status, and some advice. */
  private static final Pattern PROBLEM_ROW = Pattern.compile("\\| `(/problems/[a-z-]+)` \\| (\\d{3}) \\| \\S.*\\|");

  static MessageSites code;
  static String doc;
  static List<String> quotes;

  @BeforeAll
  static void read() throws IOException {
    Path root = GuideCommandsTest.root();
    code = MessageSites.scan(root);
    doc = Files.readString(root.resolve("docs/troubleshooting.md"));
    quotes = quotes(doc);
  }

  static List<String> quotes(String markdown) {
    List<String> found = new ArrayList<>();
    for (String line : markdown.split("\n")) {
      if (line.startsWith(">")) {
        Matcher m = QUOTE.matcher(line);
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }

  /**
   * True when the pieces of {@code quote} between {@code …} occur in {@code text} in order. Spaces
   * next to an {@code …} do not count: the value filled in may bring its own (" for " + account).
   */
  static boolean matches(String quote, String text) {
    int from = 0;
    for (String raw : quote.split("…")) {
      String piece = raw.strip();
      if (piece.isEmpty()) {
        continue;
      }
      int at = text.indexOf(piece, from);
      if (at < 0) {
        return false;
      }
      from = at + piece.length();
    }
    return true;
  }

  @Test
  void givenTheDocument_whenEveryQuoteLookedUp_thenEachStillExistsInMainCode() {
    List<String> stale = quotes.stream()
        .filter(q -> code.sites.stream().noneMatch(s -> matches(q, s.text()))
            && code.fileText.values().stream().noneMatch(t -> matches(q, t)))
        .toList();

    assertThat(stale).as("quotes in docs/troubleshooting.md that match no message in main code any more;"
        + " update the quote to the current text (… for the variable parts) or remove the entry").isEmpty();
  }

  @Test
  void givenEveryMessageSite_whenLookedUpInTheDocument_thenEachHasAnEntry() {
    List<MessageSites.Site> missing = code.sites.stream()
        .filter(s -> s.text().chars().anyMatch(Character::isLetter) && !PARTS.contains(s.text()))
        .filter(s -> quotes.stream().noneMatch(q -> matches(q, s.text())))
        .toList();

    assertThat(missing).as("messages without an entry in docs/troubleshooting.md: add one quoting a distinctive"
        + " part of each on a '> `…`' line, with its cause and fix").isEmpty();
  }

  @Test
  void givenEveryMailtokenExceptionType_whenLookedUpInTheDocument_thenEachIsNamed() {
    Set<String> named = TYPE_NAME.matcher(doc).results().map(r -> r.group(1)).collect(Collectors.toSet());

    assertThat(code.exceptionTypes).as("exception types not named in docs/troubleshooting.md")
        .allMatch(named::contains);
  }

  /**
   * The "Server API problems" table has one row per {@link ProblemType}, {@code | `/problems/<slug>` |
   * <status> | what to do |}, and no row for a type the server does not have.
   */
  @Test
  void givenEveryServerProblemType_whenLookedUpInTheDocument_thenItHasARowWithItsStatusAndAdvice() {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : doc.split("\n")) {
      Matcher m = PROBLEM_ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), m.group(2));
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (ProblemType type : ProblemType.values()) {
      expected.put(type.typeUri(), Integer.toString(type.status()));
    }

    assertThat(rows).as("rows '| `/problems/<slug>` | <status> | what to do |' in docs/troubleshooting.md,"
        + " one per ProblemType with its status").containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void givenMainCode_whenScanned_thenEveryKindOfMessageIsFound() {
    Set<MessageSites.Kind> kinds = code.sites.stream().map(MessageSites.Site::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageSites.Kind.class)));

    assertThat(kinds).containsExactlyInAnyOrder(MessageSites.Kind.values());
    assertThat(code.exceptionTypes).contains("MailtokenException", "ReauthorizationRequiredException",
        "SmtpAuthDisabledException", "StoreKeyException");
  }

  @Test
  void givenQuoteWithEllipses_whenMatched_thenPiecesMustAppearInOrder() {
    assertThat(matches("no app named \"…\" in …", "no app named \"\" in list them")).isTrue();
    assertThat(matches("… in no app named", "no app named \"\" in list them")).isFalse();
    assertThat(matches("no app named \"…\" in …", "no account \"\" in")).isFalse();
    assertThat(matches("the callback … has no state", "the callback has no state")).isTrue();
  }

  @Test
  void givenJavaCode_whenLiteralsJoined_thenEscapesDecodedAndCharsAndCommentsIgnored() {
    String java = "throw new X(\"say \\\"hi\\\" \" + name + ')' + \" to (\" + f(\"x\")); // \"not this\"\n"
        + "  /* \"nor this\" */\n";

    assertThat(MessageSites.joinedLiterals(java)).isEqualTo("say \"hi\"  to (x");
    assertThat(MessageSites.closing(java, java.indexOf('('))).isEqualTo(java.indexOf(");"));
  }
}
