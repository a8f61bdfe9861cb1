package dev.mailtoken.testkit;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A freshly generated EC P-256 key and a self-signed X.509 v3 certificate for it (CN and SAN
 * {@code localhost}, SAN IP {@code 127.0.0.1}), built as DER with the JDK's {@link Signature} API,
 * so no BouncyCastle, keytool process or file is needed. Immutable; its SSL contexts are thread-safe.
 *
 * <p>The validity is fixed (2000-01-01 to 2049-12-31, the UTCTime range) rather than read from a
 * clock: TLS peers check it against the real system time, which no injected clock controls.
 */
final class SelfSignedCertificate {
  private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
  private static final char[] PASSWORD = "mailtoken-testkit".toCharArray();

  private final KeyPair keys;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  static SelfSignedCertificate generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair keys = generator.generateKeyPair();
      byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
      byte[] name = Der.sequence(Der.tlv(Der.SET, Der.sequence(Der.oid("2.5.4.3"), Der.utf8("localhost"))));
      byte[] tbs = Der.sequence(
          Der.tlv(0xa0, Der.integer(BigInteger.TWO)),
          Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
          algorithm,
          name,
          Der.sequence(utcTime("000101000000Z"), utcTime("491231235959Z")),
          name,
          keys.getPublic().getEncoded(),
          Der.tlv(0xa3, Der.sequence(subjectAltName())));
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      certificate.verify(keys.getPublic());
      return new SelfSignedCertificate(keys, certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the SMTP emulator's self-signed certificate", e);
    }
  }

  private static byte[] utcTime(String time) {
    return Der.tlv(Der.UTC_TIME, time.getBytes(StandardCharsets.US_ASCII));
  }

  /** SAN: DNS localhost, IP 127.0.0.1 (so hostname verification against 127.0.0.1 passes). */
  private static byte[] subjectAltName() {
    byte[] names = Der.sequence(
        Der.tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
        Der.tlv(0x87, InetAddress.getLoopbackAddress().getAddress()));
    return Der.sequence(Der.oid("2.5.29.17"), Der.tlv(Der.OCTET_STRING, names));
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A server context presenting this certificate. */
  SSLContext serverContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("smtp", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the SMTP emulator's server TLS context", e);
    }
  }

  /** A client context trusting only this certificate. */
  SSLContext clientContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("smtp-emulator", certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a client TLS context for the SMTP emulator", e);
    }
  }
}
