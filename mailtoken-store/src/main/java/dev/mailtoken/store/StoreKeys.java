package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys one store instance works with, kept in step with the key the database records as
 * current ({@link KeyCheck}), so that a process started before a rotation is never stranded and
 * never strands anything.
 *
 * <ul>
 *   <li>Every write transaction starts with {@link #onWrite}: it reads the store's current key id
 *       under the shared key lock (held until commit, so no rotation can slip in). When this ring
 *       lacks that key the key file is read again; when the file lacks it too, the write fails with
 *       a {@link StoreKeyException} naming the file the rotation wrote it to, before anything is
 *       written. The {@link #cipher()} a writer then uses encrypts and seals under exactly the
 *       store's current key, never under a newer key of its own ring nor an older one.
 *   <li>Reading a value under a key the ring lacks also reads the key file again.
 * </ul>
 *
 * <p>Thread-safe: an immutable state behind a volatile; changes are synchronized.
 */
final class StoreKeys {
  private static final Logger log = LoggerFactory.getLogger(StoreKeys.class);

  /** All known keys, the key writes use (the store's current key), and a cipher over both. */
  private record State(KeyRing ring, String writeKeyId, FieldCipher cipher) {
  }

  private final Database db;
  private volatile State state;

  StoreKeys(Database db, KeyRing ring, String storeKeyId) {
    this.db = db;
    this.state = state(ring, storeKeyId);
  }

  /** Every key this store knows (the key file's, after a reload), in file order. */
  KeyRing ring() {
    return state.ring();
  }

  /** Decrypts with any known key; encrypts and seals under the store's current key as last seen. */
  FieldCipher cipher() {
    return state.cipher();
  }

  /** The write start hook: the shared key lock, and a cipher for the store's current key. */
  Void onWrite(Connection c) throws SQLException, MailtokenException {
    String storeKey = KeyCheck.currentKeyId(c, db, false);
    if (!state.writeKeyId().equals(storeKey)) {
      KeyRing ring = ringWith(storeKey);
      synchronized (this) {
        state = state(ring, storeKey);
      }
      log.info("{}: the store's key is now id {} (rotated by another process); writing under it", db.description(),
          storeKey);
    }
    return null;
  }

  /** Before a rotation commits: every key known, writes still under the current one. */
  synchronized void know(KeyRing ring) {
    state = state(ring, state.writeKeyId());
  }

  /** After a rotation committed: {@code ring} holds {@code keyId}, now the store's current key. */
  synchronized void use(KeyRing ring, String keyId) {
    state = state(ring, keyId);
  }

  /** The ring, read again from its key file if it lacks {@code keyId}. @throws StoreKeyException if neither has it */
  private synchronized KeyRing ringWith(String keyId) throws StoreKeyException {
    KeyRing ring = state.ring();
    if (ring.contains(keyId)) {
      return ring;
    }
    Optional<Path> file = ring.keyFile();
    if (file.isPresent()) {
      KeyRing merged = KeyRing.readFile(file.get()).followedBy(ring);
      if (merged.contains(keyId)) {
        log.info("key file {} read again: it holds key id {}", file.get(), keyId);
        state = state(merged, state.writeKeyId());
        return merged;
      }
    }
    throw KeyCheck.missingKey(db, ring, keyId);
  }

  private State state(KeyRing ring, String writeKeyId) {
    return new State(ring, writeKeyId, new FieldCipher(ring.withCurrent(writeKeyId), this::find));
  }

  private byte[] find(String keyId) throws StoreKeyException {
    return ringWith(keyId).key(keyId);
  }
}
