package dev.mailtoken.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A freshly generated EC P-256 key and a self-signed X.509 v3 certificate for it (CN and SAN
 * {@code localhost}, SAN IP {@code 127.0.0.1}), built as DER with the JDK's {@link Signature} API,
 * so no BouncyCastle, keytool process or file is needed. The SMTP emulator presents one; tests of
 * other TLS listeners write one as PEM files ({@link #writePem}) or a PKCS12 file
 * ({@link #writePkcs12}) and trust it with {@link #clientContext()}. For tests only: the private
 * key is not protected. Immutable; its SSL contexts are thread-safe.
 *
 * <p>The validity is fixed (2000-01-01 to 2049-12-31, the UTCTime range) rather than read from a
 * clock: TLS peers check it against the real system time, which no injected clock controls.
 */
public final class SelfSignedCertificate {
  private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
  private static final char[] PASSWORD = "mailtoken-testkit".toCharArray();

  private final KeyPair keys;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new key pair and certificate. */
  public static SelfSignedCertificate generate() {
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
      throw new IllegalStateException("cannot generate a self-signed certificate", e);
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

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Writes the certificate ({@code -----BEGIN CERTIFICATE-----}) and the unencrypted PKCS#8
   * private key ({@code -----BEGIN PRIVATE KEY-----}) as PEM files.
   */
  public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
    try {
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the generated certificate cannot be encoded", e);
    }
    Files.writeString(privateKeyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
  }

  /** Writes key and certificate as a PKCS12 key store protected by {@code password}. */
  public void writePkcs12(Path file, char[] password) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("mailtoken", keys.getPrivate(), password, new Certificate[] {certificate});
      store.store(out, password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write a PKCS12 key store", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  /** A server context presenting this certificate. */
  public SSLContext serverContext() {
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
      throw new IllegalStateException("cannot build a server TLS context", e);
    }
  }

  /** A client context trusting only this certificate. */
  public SSLContext clientContext() {
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
      throw new IllegalStateException("cannot build a client TLS context trusting the certificate", e);
    }
  }
}
