package dev.mailtoken.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts one field at a time with AES-256-GCM: {@code keyId:base64(nonce || ciphertext || tag)}
 * with a random 12-byte nonce. The additional authenticated data is table, column and row key,
 * so a ciphertext copied into another row or column fails to decrypt. A value under a key the
 * ring lacks is looked up through {@link MissingKeys} (the store reloads its key file). Thread-safe
 * (a new {@link Cipher} per call; {@link SecureRandom} is thread-safe).
 */
final class FieldCipher {
  /** Finds a key the ring lacks, or says where it is. */
  @FunctionalInterface
  interface MissingKeys {
    byte[] find(String keyId) throws StoreKeyException;
  }

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyRing keys;
  private final MissingKeys missing;
  private final SecureRandom random = new SecureRandom();

  FieldCipher(KeyRing keys) {
    this(keys, id -> {
      throw wrongKey(keys, id);
    });
  }

  FieldCipher(KeyRing keys, MissingKeys missing) {
    this.keys = keys;
    this.missing = missing;
  }

  /** The key with {@code id}: from the ring, else from {@link MissingKeys}. */
  byte[] key(String id) throws StoreKeyException {
    byte[] key = keys.key(id);
    return key != null ? key : missing.find(id);
  }

  KeyRing keys() {
    return keys;
  }

  String encrypt(String table, String column, String rowKey, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.currentKey(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(table, column, rowKey));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return keys.currentKeyId() + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is required by every Java platform", e);
    }
  }

  /**
   * @throws StoreKeyException when the value's key is not in the ring, or the value fails its
   *     integrity check (altered, or moved from another row)
   */
  String decrypt(String table, String column, String rowKey, String stored) throws StoreKeyException {
    int colon = stored.indexOf(':');
    if (colon <= 0) {
      throw new StoreKeyException("The stored " + table + "." + column + " for " + rowKey + " is not an encrypted"
          + " value; the database was changed outside mailtoken. Re-authorize or re-add it.");
    }
    String keyId = stored.substring(0, colon);
    byte[] key = key(keyId);
    byte[] in;
    try {
      in = Base64.getDecoder().decode(stored.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new StoreKeyException("The stored " + table + "." + column + " for " + rowKey + " is damaged (not base64).");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new StoreKeyException("The stored " + table + "." + column + " for " + rowKey + " is damaged (too short).");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad(table, column, rowKey));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new StoreKeyException("The stored " + table + "." + column + " for " + rowKey + " failed its integrity"
          + " check under key id " + keyId + ": it was altered or copied from another row. Re-authorize or re-add it.");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is required by every Java platform", e);
    }
  }

  /** The key id a stored value was encrypted with. */
  static String keyIdOf(String stored) {
    int colon = stored.indexOf(':');
    return colon <= 0 ? "?" : stored.substring(0, colon);
  }

  static StoreKeyException wrongKey(KeyRing keys, String storedKeyId) {
    return new StoreKeyException("The secret key (id " + String.join(", ", keys.keyIds()) + ") does not match the"
        + " one this database was encrypted with (id " + storedKeyId + "); set " + KeyRing.SECRET_VARIABLE + " or "
        + KeyRing.SECRET_FILE_VARIABLE + " to the right key. Nothing was changed.");
  }

  private static byte[] aad(String table, String column, String rowKey) {
    return (table + "\u0000" + column + "\u0000" + rowKey).getBytes(StandardCharsets.UTF_8);
  }
}
