package dev.mailtoken.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The few DER (X.690) encodings a self-signed certificate needs. Stateless. */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int UTF8_STRING = 0x0c;
  static final int UTC_TIME = 0x17;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  private Der() {}

  /** A tag-length-value with the contents concatenated. */
  static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : contents) {
      body.writeBytes(part);
    }
    byte[] value = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (value.length < 0x80) {
      out.write(value.length);
    } else {
      byte[] length = BigInteger.valueOf(value.length).toByteArray();
      int skip = length[0] == 0 ? 1 : 0;
      out.write(0x80 | (length.length - skip));
      out.write(length, skip, length.length - skip);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... contents) {
    return tlv(SEQUENCE, contents);
  }

  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  static byte[] utf8(String text) {
    return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A BIT STRING with no unused bits. */
  static byte[] bitString(byte[] bits) {
    byte[] value = new byte[bits.length + 1];
    System.arraycopy(bits, 0, value, 1, bits.length);
    return tlv(BIT_STRING, value);
  }

  /** An OBJECT IDENTIFIER from dotted form, e.g. {@code 2.5.4.3}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = 1;
      while (arc >>> (7 * groups) != 0) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int bits = (int) ((arc >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? bits : bits | 0x80);
      }
    }
    return tlv(OID, out.toByteArray());
  }
}
