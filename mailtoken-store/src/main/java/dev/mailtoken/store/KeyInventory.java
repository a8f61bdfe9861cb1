package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which key ids a database uses (encrypted fields and row MACs), and retiring a key nothing uses. */
final class KeyInventory {
  private static final Logger log = LoggerFactory.getLogger(KeyInventory.class);
  private static final String[] SCANS = {
      "SELECT client_secret, row_mac FROM apps",
      "SELECT refresh_token, service_account_key, fixed_token, access_token, row_mac FROM accounts",
      "SELECT access_token FROM " + ResourceTokens.TABLE,
      "SELECT value FROM store_meta WHERE name = '" + KeyCheck.NAME + "'"};

  private KeyInventory() {
  }

  /** Every key id the ring holds or the database uses: the store's current key first, then the ring's order. */
  static List<KeyUsage> usage(Database db, KeyRing ring) throws MailtokenException {
    return db.read(c -> {
      String current = KeyCheck.currentKeyId(c, db, false);
      Map<String, long[]> counts = count(c);
      Set<String> ids = new LinkedHashSet<>();
      ids.add(current);
      ids.addAll(ring.keyIds());
      ids.addAll(counts.keySet());
      List<KeyUsage> usage = new ArrayList<>();
      for (String id : ids) {
        long[] n = counts.getOrDefault(id, new long[2]);
        usage.add(new KeyUsage(id, id.equals(current), ring.contains(id), n[0], n[1]));
      }
      return usage;
    });
  }

  /**
   * Removes {@code keyId} from {@code keyFile}, in a transaction holding the exclusive key lock so
   * that the check and the file change are not separated by a rotation.
   *
   * @return the keys left in the file
   * @throws StoreKeyException when the key is the store's current one, still used by any field or
   *     row MAC, or not in the file: nothing is changed
   */
  static KeyRing retire(Database db, String keyId, Path keyFile) throws MailtokenException {
    KeyRing left = db.writeExclusive(c -> {
      String current = KeyCheck.currentKeyId(c, db, true);
      if (keyId.equals(current)) {
        throw new StoreKeyException("Key " + keyId + " is the store's current key; rotate first (mailtoken keys"
            + " rotate), then retire it once nothing uses it. Nothing was changed.");
      }
      KeyRing inFile = Files.exists(keyFile) ? KeyRing.readFile(keyFile) : null;
      if (inFile == null || !inFile.contains(keyId)) {
        throw new StoreKeyException("The key file " + keyFile + " holds no key " + keyId + (inFile == null ? ""
            : " (it holds " + String.join(", ", inFile.keyIds()) + ")") + ". Nothing was changed.");
      }
      KeyRotator.lockTables(c, db);
      long[] n = count(c).getOrDefault(keyId, new long[2]);
      if (n[0] + n[1] > 0) {
        throw new StoreKeyException("Key " + keyId + " still encrypts " + n[0] + " field(s) and seals " + n[1]
            + " row(s); run mailtoken keys rotate (it re-encrypts everything under a new key), then retire " + keyId
            + ". Nothing was changed.");
      }
      KeyRing rest = inFile.without(keyId);
      if (!rest.contains(current)) {
        throw new StoreKeyException("The key file " + keyFile + " does not hold the store's current key " + current
            + "; retiring " + keyId + " would leave it without a key that reads this store. Nothing was changed.");
      }
      rest.writeTo(keyFile);
      return rest;
    });
    log.info("key id {} retired: removed from {}", keyId, keyFile);
    return left;
  }

  /** Per key id: {encrypted fields (the registered {@link SealedColumns} included), row MACs}. */
  private static Map<String, long[]> count(Connection c) throws SQLException {
    Map<String, long[]> counts = new TreeMap<>();
    for (String sql : SCANS) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            String value = rs.getString(i);
            if (value != null) {
              int kind = meta.getColumnName(i).equalsIgnoreCase(RowSeal.COLUMN) ? 1 : 0;
              counts.computeIfAbsent(FieldCipher.keyIdOf(value), k -> new long[2])[kind]++;
            }
          }
        }
      }
    }
    for (SealedColumns.Column col : SealedColumns.all(c)) {
      for (SealedColumns.Value v : SealedColumns.values(c, col, "")) {
        counts.computeIfAbsent(FieldCipher.keyIdOf(v.sealed()), k -> new long[2])[0]++;
      }
    }
    return counts;
  }
}
