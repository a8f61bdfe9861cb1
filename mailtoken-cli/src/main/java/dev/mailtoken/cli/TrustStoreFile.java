package dev.mailtoken.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CAs of {@code --trust-store FILE} / {@code MAILTOKEN_TRUST_STORE}: a PEM file of one or more
 * certificates, or a PKCS12 keystore of certificates, without a password or with the JDK's conventional
 * {@code changeit} ({@code keytool -importcert -storetype PKCS12 -storepass changeit}). Like msmtp's
 * {@code tls_trust_file} and curl's {@code --cacert}, these CAs replace the JVM's for the
 * connections they apply to (SMTP, token endpoints, mail APIs). Stateless.
 */
final class TrustStoreFile {
  /** The variable naming the file when {@code --trust-store} is not given. */
  static final String VARIABLE = "MAILTOKEN_TRUST_STORE";

  private TrustStoreFile() {
  }

  /**
   * @param source how the file was named, for messages ({@code --trust-store} or the variable)
   * @throws CliException (configuration, exit 5) when the file cannot be read or holds no certificate
   */
  static SSLContext load(Path file, String source) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(ExitCode.CONFIGURATION, "cannot read the trust store " + file + " (" + source + "): "
          + e.getMessage(), "name a readable PEM file of CA certificates, or a PKCS12 file of them");
    }
    try {
      KeyStore trusted = isPem(bytes) ? fromPem(bytes) : fromPkcs12(bytes);
      if (trusted.size() == 0) {
        throw new GeneralSecurityException("it holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new CliException(ExitCode.CONFIGURATION, "the trust store " + file + " (" + source + ") is not a PEM"
          + " file of certificates or a PKCS12 file (no password, or changeit) of them: " + e.getMessage(),
          "export the CA certificate as PEM (-----BEGIN CERTIFICATE-----) and name that file");
    }
  }

  private static boolean isPem(byte[] bytes) {
    return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN");
  }

  private static KeyStore fromPem(byte[] bytes) throws GeneralSecurityException, IOException {
    Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(bytes));
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate c : certificates) {
      store.setCertificateEntry("ca-" + i++, c);
    }
    return store;
  }

  /** Without a password (certificates stored unencrypted), else with the JDK's conventional {@code changeit}. */
  private static KeyStore fromPkcs12(byte[] bytes) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(bytes), null);
    if (store.size() > 0) {
      return store;
    }
    store.load(new ByteArrayInputStream(bytes), "changeit".toCharArray());
    return store;
  }
}
