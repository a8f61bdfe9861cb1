package dev.mailtoken.oauth;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RSA private keys from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
final class PemPrivateKeys {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ((?:RSA )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
  };

  private PemPrivateKeys() {
  }

  /**
   * Parses {@code pem}. Failure messages name the problem, never the key material.
   *
   * @throws IllegalArgumentException when the text is not a PEM RSA private key
   */
  static RSAPrivateKey parse(String pem) {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(pem.contains("ENCRYPTED")
          ? "the private key is encrypted; export it without a passphrase (PKCS#8 \"BEGIN PRIVATE KEY\")"
          : "no PEM private key found (expected \"-----BEGIN PRIVATE KEY-----\" or"
            + " \"-----BEGIN RSA PRIVATE KEY-----\"); if the key came from an environment variable, its line"
            + " breaks may be literal \\n sequences");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM private key's base64 body is damaged");
    }
    byte[] pkcs8 = m.group(1).startsWith("RSA") ? wrapPkcs1(der) : der;
    try {
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("the PEM private key is not a valid RSA key ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The JDK's KeyFactory reads only PKCS#8, but OpenSSL and older tools write PKCS#1
   * ("BEGIN RSA PRIVATE KEY"). PKCS#8 is PKCS#1 inside a small envelope, so wrapping it by hand
   * avoids a dependency on Bouncy Castle: PrivateKeyInfo ::= SEQUENCE { version INTEGER 0,
   * algorithm AlgorithmIdentifier, privateKey OCTET STRING (the PKCS#1 bytes) }.
   */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(derLength(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derLength(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    if (length < 0x100) {
      return new byte[] {(byte) 0x81, (byte) length};
    }
    if (length < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }
    return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
  }
}
