package dev.mailtoken.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;

/** Generates service-account key pairs and renders Google's JSON key file (PKCS#8 and PKCS#1 variants). */
final class ServiceAccountKeys {
  private ServiceAccountKeys() {}

  static ServiceAccountKeyFile generate(String email, URI tokenUri, EmulatorMode mode) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is required by every Java platform", e);
    }
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[20];
    random.nextBytes(id);
    String keyId = HexFormat.of().formatHex(id);
    String clientId = "1" + String.format("%020d", random.nextLong() & Long.MAX_VALUE);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    String pkcs8Pem = pem("PRIVATE KEY", pkcs8);
    String pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1(pkcs8));
    RSAPrivateKey privateKey = (RSAPrivateKey) pair.getPrivate();
    return new ServiceAccountKeyFile(email, keyId, privateKey, json(email, keyId, clientId, pkcs8Pem, tokenUri),
        json(email, keyId, clientId, pkcs1Pem, tokenUri), pkcs8Pem, pkcs1Pem, (RSAPublicKey) pair.getPublic());
  }

  static ServiceAccountRegistration registration(ServiceAccountKeyFile keyFile, Collection<String> delegatedScopes) {
    return new ServiceAccountRegistration(keyFile.email(), keyFile.publicKey(), keyFile.keyId(),
        Set.copyOf(delegatedScopes));
  }

  private static String json(String email, String keyId, String clientId, String pem, URI tokenUri) {
    ObjectNode file = Reply.JSON.createObjectNode();
    file.put("type", "service_account");
    file.put("project_id", "emulator-project");
    file.put("private_key_id", keyId);
    file.put("private_key", pem);
    file.put("client_email", email);
    file.put("client_id", clientId);
    file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    file.put("token_uri", tokenUri.toString());
    file.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
    file.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/"
        + Form.encode(email));
    file.put("universe_domain", "googleapis.com");
    try {
      return Reply.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the key file", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  /**
   * Unwraps the PKCS#1 RSAPrivateKey from a PKCS#8 PrivateKeyInfo:
   * SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING privateKey }.
   */
  static byte[] pkcs1(byte[] pkcs8) {
    int[] pos = {0};
    expect(pkcs8, pos, 0x30);
    length(pkcs8, pos);
    expect(pkcs8, pos, 0x02);
    skip(pkcs8, pos);
    expect(pkcs8, pos, 0x30);
    skip(pkcs8, pos);
    expect(pkcs8, pos, 0x04);
    int len = length(pkcs8, pos);
    return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
  }

  private static void expect(byte[] der, int[] pos, int tag) {
    if ((der[pos[0]] & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER tag " + (der[pos[0]] & 0xff) + ", wanted " + tag);
    }
    pos[0]++;
  }

  private static void skip(byte[] der, int[] pos) {
    int len = length(der, pos);
    pos[0] += len;
  }

  private static int length(byte[] der, int[] pos) {
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }
}
