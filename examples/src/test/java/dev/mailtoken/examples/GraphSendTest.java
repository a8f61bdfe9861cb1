package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link GraphSend}: a Microsoft refresh token for Graph Mail.Send, sent through the Graph emulator. */
class GraphSendTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void givenAGraphMailSendRefreshToken_whenTheExampleRuns_thenGraphReceivedTheMessageAsTheMailbox(@TempDir Path dir)
      throws Exception {
    try (ExampleRig rig = ExampleRig.microsoft(dir, logs)
        .refreshToken("MAILTOKEN_REFRESH_TOKEN", "noreply@contoso.com", GraphSend.MAIL_SEND, "offline_access")) {

      SendResult sent = GraphSend.run(rig.args("--tenant", "contoso.onmicrosoft.com", "--from", "noreply@contoso.com",
          "--to", "bob@example.org", "--graph-base", rig.provider.baseUri().toString()));

      assertThat(sent.transport()).isEqualTo("graph");
      assertThat(rig.provider.apiMessages()).singleElement().satisfies(m -> {
        assertThat(m.api()).isEqualTo("graph");
        assertThat(m.user()).isEqualTo("noreply@contoso.com");
        assertThat(m.text()).contains("Subject: Hello through Microsoft Graph");
      });
      assertThat(rig.smtp.messages()).isEmpty();
    }
  }
}
