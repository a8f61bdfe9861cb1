package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.testkit.ServiceAccountKeyFile;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link GoogleServiceAccount}: a delegated service-account token, sent through the Gmail API emulator. */
class GoogleServiceAccountTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void givenAKeyFileWithDelegatedGmailSend_whenTheExampleRuns_thenTheGmailApiReceivedTheMessageAsTheMailbox(
      @TempDir Path dir) throws Exception {
    try (ExampleRig rig = ExampleRig.google(dir, logs)) {
      ServiceAccountKeyFile key = rig.provider.createServiceAccount("mailer@project.iam.gserviceaccount.com",
          List.of(GoogleServiceAccount.GMAIL_SEND));
      Path keyFile = Files.writeString(dir.resolve("sa-key.json"), key.json());

      SendResult sent = GoogleServiceAccount.run(rig.args("--key-file", keyFile.toString(),
          "--mailbox", "alice@example.com", "--to", "bob@example.org",
          "--api-base", rig.provider.baseUri().toString()));

      assertThat(sent.transport()).isEqualTo("gmail-api");
      assertThat(rig.provider.apiMessages()).singleElement().satisfies(m -> {
        assertThat(m.api()).isEqualTo("gmail");
        assertThat(m.user()).isEqualTo("alice@example.com");
        assertThat(m.text()).contains("Subject: Sent by a service account");
      });
      assertThat(rig.smtp.messages()).isEmpty();
    }
  }
}
