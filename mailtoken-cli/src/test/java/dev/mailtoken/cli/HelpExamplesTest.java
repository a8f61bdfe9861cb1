package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HelpExamples}: long example lines become shell continuation lines that still run. */
class HelpExamplesTest {
  static final String SEND = "  mailtoken send --from alice@example.com --to bob@example.com --subject Report"
      + " --html '<b>all done now</b>' --attach report.pdf";

  @Test
  void givenLongExample_whenWrapped_thenEveryLineFitsAndJoinedBackItIsTheSameCommand() {
    List<String> lines = HelpExamples.breakLine(SEND);

    assertThat(lines).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(HelpExamples.WIDTH));
    assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l).endsWith(" \\"));
    String joined = String.join(" ", lines.stream().map(l -> l.replaceAll(" \\\\$", "").strip()).toList());
    assertThat(joined).isEqualTo(SEND.strip());
  }

  @Test
  void givenQuotedArgumentWithSpaces_whenWrapped_thenNeverSplitInsideTheQuotes() {
    assertThat(HelpExamples.breakLine(SEND)).anySatisfy(l -> assertThat(l).contains("'<b>all done now</b>'"));
  }

  @Test
  void givenOptionWithValue_whenWrapped_thenTheyStayOnOneLine() {
    assertThat(HelpExamples.breakLine(SEND)).noneSatisfy(l -> assertThat(l).endsWith("--subject \\"));
  }

  @Test
  void givenTrailingComment_whenWrapped_thenTheCommentIsOneContinuationLine() {
    String line = "  mailtoken demo --home /tmp/a-rather-long-directory-name/for/the/demo/store   # keep the store";

    List<String> lines = HelpExamples.breakLine(line);

    assertThat(lines).last().isEqualTo("      # keep the store");
  }

  @Test
  void givenShortLinesAndProse_whenFooterWrapped_thenUnchanged() {
    String[] footer = {"%nExamples:", "  mailtoken demo", "A paragraph of prose that picocli may wrap as it likes,"
        + " because it is not a command anyone copies into a shell."};

    assertThat(HelpExamples.wrap(footer)).containsExactly(footer);
  }
}
