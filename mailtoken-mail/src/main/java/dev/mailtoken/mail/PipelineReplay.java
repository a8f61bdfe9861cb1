package dev.mailtoken.mail;

import jakarta.mail.MessagingException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of each command Angus issues during a pipelined send (see {@link SmtpPipeline}): one
 * already written is not written again (Angus then reads its reply, which comes next); Angus's RSET
 * after a refusal first reads the replies still owed, so that RSET's reply is the one read after
 * it; anything else out of order, or QUIT with replies owed, abandons the connection (a QUIT landing
 * in data mode would wait for a reply that never comes). Logs under {@link TokenSmtpTransport}'s
 * logger. Stateless; the pipeline it is given is confined to the transport's lock.
 */
final class PipelineReplay {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSmtpTransport.class);

  /** Reads the next reply from the server (Angus's {@code readServerResponse}). */
  @FunctionalInterface
  interface ReplyReader {
    int read() throws MessagingException;
  }

  private PipelineReplay() {
  }

  /**
   * Whether {@code command} was already written and must not be written again. When it returns
   * false, the caller writes it: no pipeline is in progress, or the replies owed were read.
   *
   * @throws MessagingException with a nested {@link IOException}, which makes Angus close the
   *     socket without QUIT, when the pipeline is abandoned
   */
  static boolean alreadyWritten(SmtpPipeline p, String command, ReplyReader replies) throws MessagingException {
    if (p == null || !(p.pending() || p.broken())) {
      return false;
    }
    if (p.replay(command)) {
      return true;
    }
    if (p.broken() || "QUIT".equals(command)) {
      throw abandon(p, "not sent: " + command);
    }
    if (!"RSET".equals(command)) {
      // Angus built a different envelope than planned: a bug in SmtpPipeline.plan, never silent.
      LOG.warn("SMTP pipelining: Angus sent {} where {} was pipelined; closing the connection",
          command.split(" ")[0], p.next().split(" ")[0]);
      throw abandon(p, "pipelined " + p.next() + " but Angus sent " + command.split(" ")[0]);
    }
    while (p.pending()) {
      String owed = p.skip();
      int code = replies.read();
      if ("DATA".equals(owed) && code == 354) {
        // RFC 2920 §3.1: DATA must be refused when no RCPT succeeded; this server entered data
        // mode, which only a message (or a closed socket) ends.
        throw abandon(p, "the server accepted DATA after refusing the envelope");
      }
    }
    return false;
  }

  /** A failure whose nested IOException makes Angus close the socket without QUIT. */
  private static MessagingException abandon(SmtpPipeline p, String why) {
    p.breakOff();
    return new MessagingException("SMTP pipelining: " + why + "; closing the connection",
        new IOException(why));
  }
}
