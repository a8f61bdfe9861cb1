package dev.mailtoken.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The columns of one row that decide where its secrets are sent or how they are used, and the
 * MAC over them in the {@code row_mac} column: {@code keyId:base64(HMAC-SHA256)} with a key
 * derived from the store key {@code keyId} by HKDF-SHA256. The MAC covers the table, the row key
 * (app name, account address) and every covered column that is not NULL, each length-prefixed,
 * so a value moved to another row or column, or a NULL turned into a value, fails the check.
 *
 * <p><b>Adding a steering column:</b> add it (nullable, NULL meaning the behaviour before it
 * existed) in a migration and append its name to {@link #APP_COLUMNS} or {@link #ACCOUNT_COLUMNS}.
 * NULL columns are left out of the MAC, so existing rows stay valid; a row given a value through
 * the store API is sealed again. Immutable; the values are not secrets.
 */
record RowSeal(String table, String rowKey, Map<String, String> covered, Optional<String> mac) {
  static final String COLUMN = "row_mac";
  /** The {@code apps} columns that decide where secrets go or how they are used. */
  static final List<String> APP_COLUMNS = List.of("provider_kind", "tenant", "issuer", "authorization_endpoint",
      "token_endpoint", "revocation_endpoint", "userinfo_endpoint", "client_id", "redirect_uri", "scopes",
      "smtp_host", "smtp_port", "device_authorization_endpoint", "smtp_security", "sasl");
  /**
   * The {@code accounts} columns that decide which app (so which endpoints) and which grant a secret
   * is used with, and (V7) which transport receives its tokens by default.
   */
  static final List<String> ACCOUNT_COLUMNS = List.of("app_name", "grant_kind", "subject", "granted_scopes",
      "transport");
  private static final byte[] HKDF_INFO = "mailtoken row mac v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] HKDF_SALT = "mailtoken".getBytes(StandardCharsets.UTF_8);

  RowSeal {
    covered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(covered));
  }

  static List<String> columnsOf(String table) {
    return AppRows.TABLE.equals(table) ? APP_COLUMNS : ACCOUNT_COLUMNS;
  }

  /** The covered columns and the MAC of the current row of {@code rs}. */
  static RowSeal read(ResultSet rs, String table, String keyColumn) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String column : columnsOf(table)) {
      values.put(column, rs.getString(column));
    }
    return new RowSeal(table, rs.getString(keyColumn), values, Optional.ofNullable(rs.getString(COLUMN)));
  }

  /** The covered columns among {@code values} (as they are about to be written), not yet sealed. */
  static RowSeal of(String table, String rowKey, Map<String, ?> values) {
    return new RowSeal(table, rowKey, Map.of(), Optional.empty()).with(values);
  }

  /** This row after {@code changes} are written (other columns than the covered ones are ignored). */
  RowSeal with(Map<String, ?> changes) {
    Map<String, String> values = new LinkedHashMap<>(covered);
    for (String column : columnsOf(table)) {
      if (changes.containsKey(column)) {
        Object v = changes.get(column);
        values.put(column, v == null ? null : v.toString());
      }
    }
    return new RowSeal(table, rowKey, values, mac);
  }

  /** The key id of the stored MAC, when there is one. */
  Optional<String> macKeyId() {
    return mac.map(FieldCipher::keyIdOf);
  }

  /** The {@code row_mac} value for these columns under {@code cipher}'s current key. */
  String seal(FieldCipher cipher) {
    String keyId = cipher.keys().currentKeyId();
    return keyId + ":" + Base64.getEncoder().encodeToString(tag(cipher.keys().currentKey()));
  }

  /**
   * @throws TamperedRowException when the MAC is missing or does not match the columns
   * @throws StoreKeyException when the MAC was made with a key neither the ring nor the key file holds
   */
  void verify(FieldCipher cipher) throws TamperedRowException, StoreKeyException {
    String stored = mac.orElseThrow(() -> TamperedRowException.of(table, rowKey));
    int colon = stored.indexOf(':');
    if (colon <= 0) {
      throw TamperedRowException.of(table, rowKey);
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(stored.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw TamperedRowException.of(table, rowKey);
    }
    if (!MessageDigest.isEqual(expected, tag(cipher.key(stored.substring(0, colon))))) {
      throw TamperedRowException.of(table, rowKey);
    }
  }

  private byte[] tag(byte[] storeKey) {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    part(input, table);
    part(input, rowKey);
    covered.forEach((column, value) -> {
      if (value != null) {
        part(input, column);
        part(input, value);
      }
    });
    return hmac(macKey(storeKey), input.toByteArray());
  }

  private static void part(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  /** HKDF-SHA256 (RFC 5869) of the store key: one key for MACs, never used for encryption. */
  private static byte[] macKey(byte[] storeKey) {
    byte[] prk = hmac(HKDF_SALT, storeKey);
    byte[] info = ByteBuffer.allocate(HKDF_INFO.length + 1).put(HKDF_INFO).put((byte) 1).array();
    return hmac(prk, info);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "RowSeal[" + table + " " + rowKey + ", mac key " + macKeyId().orElse("none") + "]";
  }
}
