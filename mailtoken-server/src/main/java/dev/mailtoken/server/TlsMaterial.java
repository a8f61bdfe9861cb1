package dev.mailtoken.server;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.server.web.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the TLS key material named by {@link ServerConfig.Tls}: a PKCS12 file, or a PEM
 * certificate chain plus a PEM PKCS#8 private key (RSA or EC), into an in-memory key store.
 * Messages name the file, never key bytes.
 */
final class TlsMaterial {
  private static final Pattern PRIVATE_KEY = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final String ALIAS = "mailtoken";

  private TlsMaterial() {
  }

  static TlsSettings load(ServerConfig.Tls tls) throws ConfigurationException {
    if (tls.keystore().isPresent()) {
      return pkcs12(tls.keystore().get(), tls.keystorePassword().map(s -> s.reveal().toCharArray())
          .orElse(new char[0]), tls.minVersion());
    }
    return pem(tls.certificate().orElseThrow(), tls.privateKey().orElseThrow(), tls.minVersion());
  }

  private static TlsSettings pkcs12(Path file, char[] password, String min) throws ConfigurationException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return new TlsSettings(ks, password, min);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("Could not read the PKCS12 key store " + file + " (" + e.getClass().getSimpleName()
          + "); check the file and tls.keystore-password.", e);
    }
  }

  private static TlsSettings pem(Path certFile, Path keyFile, String min) throws ConfigurationException {
    List<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certFile)) {
      chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("Could not read the certificate chain " + certFile + " ("
          + e.getClass().getSimpleName() + "); tls.certificate must be a PEM file.", e);
    }
    if (chain.isEmpty()) {
      throw new ConfigurationException("The file " + certFile + " holds no certificate (tls.certificate).");
    }
    PrivateKey key = privateKey(keyFile);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] password = new char[0];
      ks.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
      return new TlsSettings(ks, password, min);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("The private key " + keyFile + " does not fit the certificate " + certFile
          + " (" + e.getClass().getSimpleName() + ").", e);
    }
  }

  private static PrivateKey privateKey(Path file) throws ConfigurationException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigurationException("Could not read the private key " + file + ": " + e.getMessage(), e);
    }
    Matcher m = PRIVATE_KEY.matcher(text);
    if (!m.find()) {
      throw new ConfigurationException("The file " + file + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE"
          + " KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new ConfigurationException("The private key in " + file + " is neither RSA, EC nor Ed25519.");
  }

}
