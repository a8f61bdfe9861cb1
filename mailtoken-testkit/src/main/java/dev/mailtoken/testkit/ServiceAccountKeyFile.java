package dev.mailtoken.testkit;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * A generated service-account key, registered at the emulator, in the forms a client may load:
 * Google's JSON key file with a PKCS#8 key ({@link #json()}) or, as Google's own Python fixtures
 * have it, a PKCS#1 key ({@link #jsonWithPkcs1Key()}), and the bare PEMs.
 *
 * <p>Immutable. {@link #toString()} never shows the key.
 *
 * @param email the {@code client_email}
 * @param keyId the {@code private_key_id}
 * @param privateKey the private key, for tests that sign assertions themselves
 * @param json the key file text, {@code private_key} in PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 * @param jsonWithPkcs1Key the same file with a PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY})
 * @param pkcs8Pem the PKCS#8 PEM alone
 * @param pkcs1Pem the PKCS#1 PEM alone
 * @param publicKey the registered public key
 */
public record ServiceAccountKeyFile(String email, String keyId, RSAPrivateKey privateKey, String json,
    String jsonWithPkcs1Key, String pkcs8Pem, String pkcs1Pem, RSAPublicKey publicKey) {
  public ServiceAccountKeyFile {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(jsonWithPkcs1Key, "jsonWithPkcs1Key");
    Objects.requireNonNull(pkcs8Pem, "pkcs8Pem");
    Objects.requireNonNull(pkcs1Pem, "pkcs1Pem");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  @Override
  public String toString() {
    return "ServiceAccountKeyFile[email=" + email + ", keyId=" + keyId + ", key=***]";
  }
}
