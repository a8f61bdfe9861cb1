package dev.mailtoken.server.web;

import java.security.KeyStore;
import java.util.Objects;

/**
 * A TLS listener's key material and its lowest protocol version.
 *
 * @param keyStore holds the private key and certificate chain (read from PEM or PKCS12)
 * @param keyPassword the key's password in {@code keyStore}
 * @param minimumProtocol {@code TLSv1.2} or {@code TLSv1.3}
 */
public record TlsSettings(KeyStore keyStore, char[] keyPassword, String minimumProtocol) {
  public TlsSettings {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyPassword, "keyPassword");
    Objects.requireNonNull(minimumProtocol, "minimumProtocol");
    if (!minimumProtocol.equals("TLSv1.2") && !minimumProtocol.equals("TLSv1.3")) {
      throw new IllegalArgumentException("the minimum TLS version must be TLSv1.2 or TLSv1.3, was " + minimumProtocol);
    }
    keyPassword = keyPassword.clone();
  }

  @Override
  public char[] keyPassword() {
    return keyPassword.clone();
  }

  @Override
  public String toString() {
    return "TlsSettings[minimumProtocol=" + minimumProtocol + "]";
  }
}
