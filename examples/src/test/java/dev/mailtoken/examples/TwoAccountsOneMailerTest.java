package dev.mailtoken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.mail.SendResult;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link TwoAccountsOneMailer}: one mailer, two accounts, each message authenticated as its sender. */
class TwoAccountsOneMailerTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void givenTwoMailboxesWithTheirOwnRefreshTokens_whenTheExampleRuns_thenEachMessageWasSentAsItsOwnAccount(
      @TempDir Path dir) throws Exception {
    try (ExampleRig rig = ExampleRig.google(dir, logs)
        .refreshToken("SUPPORT_RT", "support@example.com", "https://mail.google.com/")
        .refreshToken("BILLING_RT", "billing@example.com", "https://mail.google.com/")) {

      List<SendResult> sent = TwoAccountsOneMailer.run(rig.args("--account", "support@example.com=SUPPORT_RT",
          "--account", "billing@example.com=BILLING_RT", "--to", "customer@example.org"));

      assertThat(sent).extracting(SendResult::account).containsExactly("support@example.com", "billing@example.com");
      assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser)
          .containsExactlyInAnyOrder("support@example.com", "billing@example.com");
    }
  }
}
