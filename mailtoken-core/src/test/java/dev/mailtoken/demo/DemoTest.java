package dev.mailtoken.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's run command must keep working and keep its promises. */
class DemoTest {
  @Test
  void givenFreshMachine_whenDemoRuns_thenItWalksTheLifecycleAndPrintsNoSecret() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("3. consent granted", "6. 61 minutes later", "7. user revoked access",
        "REAUTHORIZATION_REQUIRED", "done:");
    assertThat(out).doesNotContainPattern("ya29\\.[A-Za-z0-9_-]{10}").doesNotContain("1//0").doesNotContain("demo-secret");
  }
}
