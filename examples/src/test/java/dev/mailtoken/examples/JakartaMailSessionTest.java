package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link JakartaMailSession}: plain {@code Transport.send} on a session from {@code MailSessions}. */
class JakartaMailSessionTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void givenASessionFromMailSessions_whenTransportSendRuns_thenTheSmtpServerReceivedTheMessage(@TempDir Path dir)
      throws Exception {
    try (ExampleRig rig = ExampleRig.google(dir, logs)
        .refreshToken("MAILTOKEN_REFRESH_TOKEN", "alice@gmail.com", "https://mail.google.com/")) {

      String messageId = JakartaMailSession.run(rig.args("--from", "alice@gmail.com", "--to", "bob@example.org"));

      assertThat(rig.smtp.messages()).singleElement().satisfies(m -> {
        assertThat(m.authenticatedUser()).isEqualTo("alice@gmail.com");
        assertThat(m.recipients()).containsExactly("bob@example.org");
        assertThat(new String(m.data(), StandardCharsets.UTF_8)).contains("Message-ID: " + messageId);
      });
    }
  }
}
