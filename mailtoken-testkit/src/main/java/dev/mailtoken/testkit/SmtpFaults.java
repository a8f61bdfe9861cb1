package dev.mailtoken.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for an {@link SmtpEmulator}. Thread-safe; settings apply to commands processed
 * after the call, on every connection.
 *
 * <pre>{@code
 * smtp.faults().dropAfterAuth(1);                     // the next successful AUTH: 235, then the socket closes
 * smtp.faults().dropDuringAuth(1);                    // the next AUTH: no reply, the socket closes
 * smtp.faults().refuseData(1);                        // the next DATA: 552 5.3.4 instead of 354
 * smtp.faults().slowReplies(Duration.ofMillis(200));  // every reply waits (real time) first
 * smtp.faults().closeExpiredSessions(true);           // T-C-07: expired token → 421 and close
 * smtp.faults().documentedFailureJson(true);          // C2.3: {"status":"401","schemes":"bearer mac",..}\n
 * smtp.faults().tooManyLoginAttempts(1);              // C2.6: 454 4.7.0 after the empty response
 * smtp.faults().echoAuthPayload(true);                // a refused AUTH's 535 repeats what the client sent
 * smtp.faults().controlCharactersInReplies(true);     // a refused AUTH's 535 carries ESC/BEL sequences
 * }</pre>
 */
public final class SmtpFaults {
  private final AtomicInteger dropsAfterAuth = new AtomicInteger();
  private final AtomicInteger dropsDuringAuth = new AtomicInteger();
  private final AtomicInteger dataRefusals = new AtomicInteger();
  private volatile Duration replyDelay = Duration.ZERO;
  private volatile boolean closeExpiredSessions;
  private volatile boolean documentedFailureJson;
  private final AtomicInteger tooManyLoginAttempts = new AtomicInteger();
  private volatile boolean echoAuthPayload;
  private volatile boolean controlCharactersInReplies;

  SmtpFaults() {}

  /** The next {@code times} successful AUTH exchanges get their {@code 235} reply, then the socket is closed. */
  public SmtpFaults dropAfterAuth(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    dropsAfterAuth.set(times);
    return this;
  }

  /**
   * The next {@code times} {@code AUTH} commands (any mechanism) are read and then answered with
   * nothing: the socket is closed, as a server or middlebox that resets the connection mid-exchange.
   * The attempt is recorded with {@code accepted=false} and an empty final reply.
   */
  public SmtpFaults dropDuringAuth(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    dropsDuringAuth.set(times);
    return this;
  }

  /**
   * The next {@code times} {@code DATA} commands get {@code 552 5.3.4} (message size exceeded)
   * instead of {@code 354}: a permanent refusal before any message data is sent. The session stays
   * usable.
   */
  public SmtpFaults refuseData(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    dataRefusals.set(times);
    return this;
  }

  /** Every reply is delayed by {@code delay} of real time (for client timeouts); {@link Duration#ZERO} turns it off. */
  public SmtpFaults slowReplies(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    replyDelay = delay;
    return this;
  }

  /**
   * When on, a command on an authenticated session whose token has expired (by the emulator clock)
   * is answered {@code 421 4.7.0 ... closing connection} and the socket is closed (T-C-07). Default off.
   */
  public SmtpFaults closeExpiredSessions(boolean close) {
    closeExpiredSessions = close;
    return this;
  }

  /**
   * When on, Gmail's XOAUTH2 failure challenge carries the JSON of Google's documentation
   * ({@code {"status":"401","schemes":"bearer mac","scope":..}} with a trailing newline, provider-spec
   * C2.3) instead of the observed {@code "400"/"Bearer"} form. Default off.
   */
  public SmtpFaults documentedFailureJson(boolean documented) {
    documentedFailureJson = documented;
    return this;
  }

  /**
   * The next {@code times} rejected Gmail-style AUTH exchanges end, after the client's empty
   * response, with {@code 454 4.7.0 Too many login attempts, please try again later.} instead of
   * the 535 (provider-spec C2.6).
   */
  public SmtpFaults tooManyLoginAttempts(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    tooManyLoginAttempts.set(times);
    return this;
  }

  /**
   * When on, the final reply of a refused bearer AUTH repeats the client's base64 response, as
   * some servers' diagnostics do ({@code 535 5.7.8 Authentication failed: dXNlcj1...}). Default off.
   */
  public SmtpFaults echoAuthPayload(boolean echo) {
    echoAuthPayload = echo;
    return this;
  }

  /**
   * When on, the final reply of a refused bearer AUTH carries terminal control sequences (ESC
   * {@code [2J}, BEL), as a hostile or broken server might. Default off.
   */
  public SmtpFaults controlCharactersInReplies(boolean on) {
    controlCharactersInReplies = on;
    return this;
  }

  /** Turns every fault off. */
  public SmtpFaults clear() {
    dropsAfterAuth.set(0);
    dropsDuringAuth.set(0);
    dataRefusals.set(0);
    replyDelay = Duration.ZERO;
    closeExpiredSessions = false;
    documentedFailureJson = false;
    tooManyLoginAttempts.set(0);
    echoAuthPayload = false;
    controlCharactersInReplies = false;
    return this;
  }

  /** The final reply of a refused bearer AUTH, with the armed decorations; {@code sent} is the client's base64. */
  String refusal(String reply, String sent) {
    String extra = (controlCharactersInReplies ? " \u001b[2J\u001b]0;owned\u0007 (reset)" : "")
        + (echoAuthPayload ? " (client sent " + sent + ")" : "");
    return reply + extra;
  }

  /** Consumes one armed drop, if any. */
  boolean takeDropAfterAuth() {
    return dropsAfterAuth.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** Consumes one armed drop during AUTH, if any. */
  boolean takeDropDuringAuth() {
    return dropsDuringAuth.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** Consumes one armed DATA refusal, if any. */
  boolean takeDataRefusal() {
    return dataRefusals.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** Consumes one armed 454, if any. */
  boolean takeTooManyLoginAttempts() {
    return tooManyLoginAttempts.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  boolean documentedFailureJson() {
    return documentedFailureJson;
  }

  Duration replyDelay() {
    return replyDelay;
  }

  boolean closeExpiredSessions() {
    return closeExpiredSessions;
  }
}
