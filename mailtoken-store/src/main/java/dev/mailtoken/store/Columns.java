package dev.mailtoken.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Conversions between column values and Java values: instants as epoch millis, scope lists space-separated. */
final class Columns {
  private Columns() {
  }

  static String scopes(java.util.Collection<String> scopes) {
    return String.join(" ", scopes);
  }

  static List<String> scopes(String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    return Arrays.stream(column.trim().split("\\s+")).toList();
  }

  static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static Optional<URI> uri(ResultSet rs, String column) throws SQLException {
    return text(rs, column).map(URI::create);
  }

  static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  static Long millis(Optional<Instant> instant) {
    return instant.map(Instant::toEpochMilli).orElse(null);
  }

  /** Binds a String, Long, Integer or null; nulls of {@code *_at}/numeric columns are typed BIGINT for PostgreSQL. */
  static void bind(PreparedStatement ps, int index, String column, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, isNumeric(column) ? Types.BIGINT : Types.VARCHAR);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Integer i) {
      ps.setInt(index, i);
    } else {
      ps.setString(index, value.toString());
    }
  }

  private static boolean isNumeric(String column) {
    return column.endsWith("_at") || column.equals("last_refresh") || column.equals("version")
        || column.equals("smtp_port");
  }
}
