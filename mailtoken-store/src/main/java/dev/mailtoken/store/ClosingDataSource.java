package dev.mailtoken.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The store's connections, counted, so that closing the store means something: after
 * {@link #close} no new connection is handed out (SQLite would otherwise open the file again and
 * recreate its {@code -wal} and {@code -shm} files, PostgreSQL's closed pool would answer with a
 * misleading "unreachable"), and {@code close} first waits for the connections in use to come
 * back, so a transaction in flight commits or rolls back before the caller deletes or moves the
 * database. Written by hand because neither driver's data source has such a gate (HikariCP's
 * {@code close()} evicts connections in use instead of waiting for them). Thread-safe.
 */
final class ClosingDataSource implements DataSource {
  /** The SQLState of a refused connection: "connection does not exist". */
  static final String CLOSED_STATE = "08003";

  private final DataSource delegate;
  private final Object lock = new Object();
  private int inUse;
  private boolean closed;

  ClosingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    enter();
    try {
      return counted(delegate.getConnection());
    } catch (SQLException | RuntimeException e) {
      leave();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    enter();
    try {
      return counted(delegate.getConnection(username, password));
    } catch (SQLException | RuntimeException e) {
      leave();
      throw e;
    }
  }

  /**
   * Refuses new connections, then waits up to {@code grace} for those in use to be closed.
   *
   * @return the number still in use when the wait ended (0 when all came back)
   */
  int close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      closed = true;
      boolean interrupted = false;
      while (inUse > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return inUse;
    }
  }

  static boolean isClosedFailure(SQLException e) {
    return e instanceof StoreClosedSqlException;
  }

  private void enter() throws SQLException {
    synchronized (lock) {
      if (closed) {
        throw new StoreClosedSqlException();
      }
      inUse++;
    }
  }

  private void leave() {
    synchronized (lock) {
      inUse--;
      lock.notifyAll();
    }
  }

  /** The connection, whose first {@code close()} gives its place back. */
  private Connection counted(Connection connection) {
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            try {
              connection.close();
            } finally {
              if (returned.compareAndSet(false, true)) {
                leave();
              }
            }
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  /** What a connection request on a closed store gets. */
  private static final class StoreClosedSqlException extends SQLException {
    private static final long serialVersionUID = 1L;

    StoreClosedSqlException() {
      super("the store was closed", CLOSED_STATE);
    }
  }
}
