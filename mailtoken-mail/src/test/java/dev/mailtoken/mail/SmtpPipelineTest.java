package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.Test;

/** Which sends are pipelined, and with which commands: the simple case only. */
class SmtpPipelineTest {
  private static final Address[] BOB = {address("bob@example.org")};

  @Test
  void givenOneRecipient_whenPlanned_thenMailRcptAndDataAreWrittenTogether() throws Exception {
    SmtpPipeline p = SmtpPipeline.plan(session(new Properties()), true, message(), BOB).orElseThrow();

    assertThat(p.commands()).containsExactly("MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.org>", "DATA");
  }

  @Test
  void givenTwoRecipients_whenPlanned_thenDataWaitsForTheRcptReplies() throws Exception {
    Address[] two = {address("bob@example.org"), address("carol@example.org")};

    SmtpPipeline p = SmtpPipeline.plan(session(new Properties()), true, message(), two).orElseThrow();

    assertThat(p.commands()).containsExactly("MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.org>",
        "RCPT TO:<carol@example.org>");
  }

  @Test
  void givenServerDoesNotAdvertisePipelining_whenPlanned_thenNotPipelined() throws Exception {
    assertThat(SmtpPipeline.plan(session(new Properties()), false, message(), BOB)).isEmpty();
  }

  @Test
  void givenAnOptionThatChangesTheEnvelope_whenPlanned_thenAngusSendsItUnpipelined() throws Exception {
    for (String option : new String[] {"mail.smtp.from", "mail.smtp.dsn.notify", "mail.smtp.dsn.ret",
        "mail.smtp.submitter", "mail.smtp.mailextension", "mail.smtp.allow8bitmime", "mail.smtp.chunksize"}) {
      Properties props = new Properties();
      props.setProperty(option, "x");
      assertThat(SmtpPipeline.plan(session(props), true, message(), BOB)).as(option).isEmpty();
    }
    Properties utf8 = new Properties();
    utf8.setProperty("mail.mime.allowutf8", "true");
    assertThat(SmtpPipeline.plan(session(utf8), true, message(), BOB)).isEmpty();
  }

  @Test
  void givenAnSmtpMessageOrNoFromOrAGroup_whenPlanned_thenAngusSendsItUnpipelined() throws Exception {
    Session session = session(new Properties());
    SMTPMessage smtpMessage = new SMTPMessage(session);
    smtpMessage.setFrom(address("alice@example.com"));
    MimeMessage noFrom = new MimeMessage(session);
    Address[] group = {new InternetAddress("friends: bob@example.org;")};

    assertThat(SmtpPipeline.plan(session, true, smtpMessage, BOB)).isEmpty();
    assertThat(SmtpPipeline.plan(session, true, noFrom, BOB)).isEmpty();
    assertThat(SmtpPipeline.plan(session, true, message(), group)).isEmpty();
  }

  @Test
  void givenPlannedCommands_whenAngusIssuesThemInOrder_thenEachIsReplayedOnceAndNoneRemainsOwed() throws Exception {
    SmtpPipeline p = SmtpPipeline.plan(session(new Properties()), true, message(), BOB).orElseThrow();

    assertThat(p.replay("RCPT TO:<bob@example.org>")).isFalse(); // out of order: not the next one
    assertThat(p.replay("MAIL FROM:<alice@example.com>")).isTrue();
    assertThat(p.replay("RCPT TO:<bob@example.org>")).isTrue();
    assertThat(p.pending()).isTrue();
    assertThat(p.replay("DATA")).isTrue();
    assertThat(p.pending()).isFalse();
  }

  private static Session session(Properties props) {
    return Session.getInstance(props);
  }

  private static MimeMessage message() throws Exception {
    MimeMessage m = new MimeMessage(session(new Properties()));
    m.setFrom(address("alice@example.com"));
    return m;
  }

  private static InternetAddress address(String a) {
    try {
      return new InternetAddress(a);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
