package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link PlainJavaSend} against the Google-like emulator and its SMTP server. */
class PlainJavaSendTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void givenAGmailRefreshToken_whenTheExampleRuns_thenTheSmtpServerReceivedTheMessageFromThatAccount(
      @TempDir Path dir) throws Exception {
    try (ExampleRig rig = ExampleRig.google(dir, logs)
        .refreshToken("MAILTOKEN_REFRESH_TOKEN", "alice@gmail.com", "https://mail.google.com/")) {

      SendResult sent = PlainJavaSend.run(rig.args("--from", "alice@gmail.com", "--to", "bob@example.org"));

      assertThat(sent.account()).isEqualTo("alice@gmail.com");
      assertThat(rig.smtp.messages()).singleElement().satisfies(m -> {
        assertThat(m.authenticatedUser()).isEqualTo("alice@gmail.com");
        assertThat(m.recipients()).containsExactly("bob@example.org");
        assertThat(new String(m.data(), StandardCharsets.UTF_8)).contains("Subject: Hello from mailtoken");
      });
      assertThat(rig.smtp.messages().get(0).mechanism()).isEqualTo("XOAUTH2");
    }
  }
}
