package dev.symphony.singlenode;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.symphony.server.store.JdbcRoomCatalog;

/**
 * The room catalog on PostgreSQL: a HikariCP pool and the same Flyway migrations as the embedded
 * database, applied at start-up (or alone by {@code symphony migrate}).
 */
public final class PostgresCatalog {

  private PostgresCatalog() {}

  /**
   * Connects, brings the schema up to date and returns the catalog.
   *
   * @throws IllegalStateException with one line when the database cannot be reached or migrated
   */
  public static JdbcRoomCatalog open(CatalogAddress address) {
    HikariDataSource pool = pool(address, 4);
    try {
      return JdbcRoomCatalog.open(pool, pool, address.schema());
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException(
          "cannot migrate the room catalog at " + address.describe() + ": " + rootCause(e), e);
    }
  }

  /**
   * Creates or upgrades the catalog's tables and returns how many migrations ran (0: up to date).
   */
  public static int migrate(CatalogAddress address) {
    try (HikariDataSource pool = pool(address, 2)) { // Flyway holds two at once
      return JdbcRoomCatalog.migrate(pool, address.schema());
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot migrate the room catalog at " + address.describe() + ": " + rootCause(e), e);
    }
  }

  private static HikariDataSource pool(CatalogAddress address, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(address.jdbcUrl());
    config.setUsername(address.user());
    config.setPassword(address.password());
    if (address.schema() != null) {
      config.setSchema(address.schema());
    }
    config.setPoolName("symphony-catalog");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    // Fail fast while the database is down: storage calls retry with their own backoff.
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty("ApplicationName", "symphony");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot reach the room catalog at " + address.describe() + ": " + rootCause(e), e);
    }
  }

  /** The driver's innermost message names the real problem (refused, no such database...). */
  static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
