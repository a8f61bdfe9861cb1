package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The relative links of the guides and the top README lead somewhere: the file exists and, for a
 * {@code #fragment} into a Markdown file, that file has a heading with that anchor (GitHub's rule:
 * lower case, punctuation other than {@code -} and {@code _} dropped, spaces become {@code -}).
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  static Set<String> anchors(Path markdown) throws IOException {
    String text = Files.readString(markdown).replaceAll("(?ms)^```.*?^```", "");
    return HEADING.matcher(text).results().map(m -> anchor(m.group(1))).collect(Collectors.toSet());
  }

  @Test
  void givenEveryGuideAndTheReadme_whenRelativeLinksFollowed_thenTargetsAndAnchorsExist() throws IOException {
    Path root = GuideCommandsTest.root();
    List<String> broken = new ArrayList<>();
    for (Path doc : GuideCommandsTest.documents()) {
      Path file = root.resolve(doc);
      Matcher m = LINK.matcher(Files.readString(file));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue;   // https:, mailto:
        }
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
        Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(linked)) {
          broken.add(doc + ": " + target + " (no such file)");
        } else if (!fragment.isEmpty() && linked.toString().endsWith(".md") && !anchors(linked).contains(fragment)) {
          broken.add(doc + ": " + target + " (no such heading)");
        }
      }
    }

    assertThat(broken).isEmpty();
  }

  @Test
  void givenHeadingWithCodeAndPunctuation_whenAnchored_thenAsGitHubDoes() {
    assertThat(anchor("Consent (`mailtoken authorize`)")).isEqualTo("consent-mailtoken-authorize");
    assertThat(anchor("3. The OAuth client: Desktop or Web")).isEqualTo("3-the-oauth-client-desktop-or-web");
    assertThat(anchor("Doctor's other findings")).isEqualTo("doctors-other-findings");
  }
}
