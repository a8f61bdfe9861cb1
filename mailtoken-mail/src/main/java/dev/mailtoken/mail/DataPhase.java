package dev.mailtoken.mail;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How far {@link TokenSmtpTransport}'s current send got into its message data: whether it reached
 * DATA/BDAT (then it is not retried on another connection) and whether it wrote the end of the data
 * (the final dot, or the last BDAT chunk: only then can a failure without a reply mean the message
 * was delivered anyway). DATA goes through a {@link DataBuffer} over one array reused for every
 * message of the connection, made on the first one. Written by the sending thread; the two flags
 * are volatile so the delivery code may read them after the send.
 */
final class DataPhase {
  /** The current message's data, between {@link #dataStarted} and {@link #dataFinishing}. */
  private DataBuffer dataBuffer;
  /** The array every message's {@link DataBuffer} collects into; made on the first message. */
  private byte[] dataBytes;
  private volatile boolean sent;
  private volatile boolean ended;

  /** A new send begins: nothing of its data is sent yet. */
  void reset() {
    sent = false;
    ended = false;
  }

  /** DATA was accepted: the message is written through a buffer in front of Angus's {@code raw} stream. */
  OutputStream dataStarted(OutputStream raw) {
    sent = true;
    if (dataBytes == null) {
      dataBytes = new byte[DataBuffer.SIZE];
    }
    dataBuffer = new DataBuffer(raw, dataBytes);
    return dataBuffer;
  }

  /** Angus is about to end the data: everything buffered is handed over first. */
  void dataFinishing() throws IOException {
    ended = true;
    if (dataBuffer != null) {
      dataBuffer.drain();
      dataBuffer = null;
    }
  }

  /** BDAT started. */
  void bdatStarted() {
    sent = true;
  }

  /** The last BDAT chunk is being written. */
  void bdatFinishing() {
    ended = true;
  }

  boolean sent() {
    return sent;
  }

  boolean ended() {
    return ended;
  }
}
