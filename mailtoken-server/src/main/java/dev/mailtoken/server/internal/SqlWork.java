package dev.mailtoken.server.internal;

import dev.mailtoken.MailtokenException;
import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection, inside or outside a transaction. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException, MailtokenException;
}
