package dev.mailtoken.oauth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** RSA keys for service-account tests, in the PEM forms key files use. */
final class TestKeys {
  final KeyPair pair;

  TestKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      pair = g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String pkcs8Pem() {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** The PKCS#1 RSAPrivateKey inside the PKCS#8 envelope: the OCTET STRING after version and algorithm. */
  String pkcs1Pem() {
    byte[] der = pair.getPrivate().getEncoded();
    int i = 1 + lengthBytes(der, 1);      // outer SEQUENCE header
    i += 3;                               // INTEGER 0
    i += 2 + der[i + 1];                  // AlgorithmIdentifier SEQUENCE
    int headerLen = 1 + lengthBytes(der, i + 1);
    return pem("RSA PRIVATE KEY", Arrays.copyOfRange(der, i + headerLen, der.length));
  }

  private static int lengthBytes(byte[] der, int at) {
    int first = der[at] & 0xff;
    return first < 0x80 ? 1 : 1 + (first & 0x7f);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  String keyFileJson(String email, String keyId, String pem, String tokenUri) {
    return "{\"type\":\"service_account\",\"project_id\":\"p\",\"private_key_id\":\"" + keyId
        + "\",\"private_key\":\"" + pem.replace("\n", "\\n") + "\",\"client_email\":\"" + email
        + "\",\"token_uri\":\"" + tokenUri + "\"}";
  }
}
