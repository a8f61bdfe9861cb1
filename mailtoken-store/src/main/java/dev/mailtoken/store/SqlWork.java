package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection, inside or outside a transaction. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException, MailtokenException;
}
