package dev.mailtoken.store;

import dev.mailtoken.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AES-256 keys secrets are encrypted with: the current key (used for every new encryption)
 * first, then older keys that can still decrypt. Each key is known by its id, the first 8 hex
 * digits of the key's SHA-256, which is stored next to every ciphertext.
 *
 * <p>Sources, in order ({@link #fromEnvironment}): {@code MAILTOKEN_SECRET} (base64 of exactly
 * 32 bytes), {@code MAILTOKEN_SECRET_FILE} (a file), else {@code <home>/secret.key}, created on
 * first use readable only by its owner. A key file holds one base64 key per line, current first;
 * blank lines and lines starting with {@code #} are ignored.
 *
 * <p>Immutable and thread-safe. {@code toString} shows key ids only. Failures are
 * {@link StoreKeyException}s that say what to fix.
 */
public final class KeyRing {
  /** Environment variable holding a base64 key. */
  public static final String SECRET_VARIABLE = "MAILTOKEN_SECRET";
  /** Environment variable naming a key file. */
  public static final String SECRET_FILE_VARIABLE = "MAILTOKEN_SECRET_FILE";
  /** The key file's name inside the home directory. */
  public static final String KEY_FILE = "secret.key";
  static final int KEY_BYTES = 32;

  private final List<byte[]> keys;
  private final List<String> ids;
  private final Optional<Path> keyFile;
  private final Optional<Path> createdKeyFile;

  private KeyRing(List<byte[]> keys, Optional<Path> keyFile, Optional<Path> createdKeyFile) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key ring needs at least one key");
    }
    List<byte[]> copies = new ArrayList<>();
    List<String> keyIds = new ArrayList<>();
    for (byte[] key : keys) {
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException("an AES-256 key has 32 bytes, got " + key.length);
      }
      String id = idOf(key);
      if (!keyIds.contains(id)) {
        copies.add(key.clone());
        keyIds.add(id);
      }
    }
    this.keys = List.copyOf(copies);
    this.ids = List.copyOf(keyIds);
    this.keyFile = keyFile;
    this.createdKeyFile = createdKeyFile;
  }

  /** A ring of one key (32 bytes). */
  public static KeyRing of(byte[] key) {
    Objects.requireNonNull(key, "key");
    return new KeyRing(List.of(key), Optional.empty(), Optional.empty());
  }

  /** A ring of one new random key. */
  public static KeyRing generate() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return of(key);
  }

  /**
   * Reads the keys as the class description says; creates {@code <home>/secret.key} (and
   * {@code home}, owner-only) when neither variable is set and the file does not exist.
   *
   * @throws StoreKeyException when a key is not base64 of 32 bytes, the file cannot be read, or
   *     the key file cannot be created
   */
  public static KeyRing fromEnvironment(Map<String, String> env, Path home) throws StoreKeyException {
    return KeyFiles.load(env, home);
  }

  /**
   * Reads a key file (one base64 key per line, current first, {@code #} comments), as a
   * process does after another one rotated the key.
   *
   * @throws StoreKeyException when the file cannot be read, holds no key, or a line is not a key
   */
  public static KeyRing readFile(Path file) throws StoreKeyException {
    Objects.requireNonNull(file, "file");
    return KeyFiles.read(file, file.toString(), Optional.empty());
  }

  static KeyRing loaded(List<byte[]> keys, Optional<Path> keyFile, Optional<Path> created) {
    return new KeyRing(keys, keyFile, created);
  }

  /** The key file this process created on first use, so a CLI can say "back it up". */
  public Optional<Path> createdKeyFile() {
    return createdKeyFile;
  }

  /** The key file the keys were read from, when they came from a file. */
  public Optional<Path> keyFile() {
    return keyFile;
  }

  /** The id of the key new secrets are encrypted with. */
  public String currentKeyId() {
    return ids.get(0);
  }

  /** All key ids, current first. */
  public List<String> keyIds() {
    return ids;
  }

  /** True when this ring holds the key with {@code id}. */
  public boolean contains(String id) {
    return ids.contains(id);
  }

  /**
   * A ring with a new random current key followed by all of this ring's keys: what
   * {@code mailtoken keys rotate} encrypts with, so nothing encrypted before is stranded.
   */
  public KeyRing rotated() {
    List<byte[]> all = new ArrayList<>();
    all.add(generate().keys.get(0));
    all.addAll(keys);
    return new KeyRing(all, keyFile, Optional.empty());
  }

  /** This ring's current key first, then {@code older}'s keys (duplicates dropped). */
  public KeyRing followedBy(KeyRing older) {
    List<byte[]> all = new ArrayList<>(keys);
    all.addAll(older.keys);
    return new KeyRing(all, keyFile, Optional.empty());
  }

  /** The same keys with the one with {@code id} first (it must be in the ring). */
  KeyRing withCurrent(String id) {
    int i = ids.indexOf(id);
    if (i < 0) {
      throw new IllegalArgumentException("key id " + id + " is not in " + this);
    }
    if (i == 0) {
      return this;
    }
    List<byte[]> all = new ArrayList<>();
    all.add(keys.get(i));
    all.addAll(keys);
    return new KeyRing(all, keyFile, Optional.empty());
  }

  /** The same keys without the one with {@code id} (which must not be the only one). */
  KeyRing without(String id) {
    List<byte[]> rest = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!ids.get(i).equals(id)) {
        rest.add(keys.get(i));
      }
    }
    return new KeyRing(rest, keyFile, Optional.empty());
  }

  /** The same keys, known to be kept in {@code file}. */
  KeyRing keptIn(Path file) {
    return new KeyRing(keys, Optional.of(file), Optional.empty());
  }

  /** The current key alone, as base64, for {@code MAILTOKEN_SECRET}. Never log it. */
  public Secret currentKeyBase64() {
    return Secret.of(Base64.getEncoder().encodeToString(keys.get(0)));
  }

  /**
   * Writes all keys, current first, to {@code file}, readable only by its owner (replacing the
   * file atomically where the file system allows).
   *
   * @throws StoreKeyException when the file cannot be written
   */
  public void writeTo(Path file) throws StoreKeyException {
    StringBuilder text = new StringBuilder("# mailtoken secret keys, newest first. Old keys stay until"
        + " `mailtoken keys retire` removes them. Back this file up.\n");
    for (byte[] key : keys) {
      text.append(Base64.getEncoder().encodeToString(key)).append('\n');
    }
    try {
      KeyFiles.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new StoreKeyException("Could not write the key file " + file + ": " + e.getMessage(), e);
    }
  }

  byte[] key(String id) {
    int i = ids.indexOf(id);
    return i < 0 ? null : keys.get(i);
  }

  byte[] currentKey() {
    return keys.get(0);
  }

  static String idOf(byte[] key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRing other && ids.equals(other.ids);
  }

  @Override
  public int hashCode() {
    return ids.hashCode();
  }

  @Override
  public String toString() {
    return "KeyRing" + ids + (keyFile.map(f -> " from " + f).orElse(""));
  }

  static byte[] decodeKey(String base64, String source) throws StoreKeyException {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new StoreKeyException("The secret key in " + source + " is not valid base64; it must be the base64"
          + " encoding of exactly 32 random bytes (e.g. `openssl rand -base64 32`).");
    }
    if (key.length != KEY_BYTES) {
      int length = key.length;
      Arrays.fill(key, (byte) 0);
      throw new StoreKeyException("The secret key in " + source + " has " + length + " bytes; AES-256 needs"
          + " exactly 32 (e.g. `openssl rand -base64 32`).");
    }
    return key;
  }
}
