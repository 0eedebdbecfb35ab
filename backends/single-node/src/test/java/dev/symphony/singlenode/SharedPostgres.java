package dev.symphony.singlenode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared PostgreSQL service of CI (127.0.0.1:5432, database {@code test}, trust auth). Each
 * test works in a schema of its own, dropped afterwards, so parallel runs never collide. Absent
 * service: the test is skipped, except under {@code CI=true}, where it fails.
 */
final class SharedPostgres implements AutoCloseable {

  static final String HOST = System.getProperty("symphony.test.postgres", "127.0.0.1:5432/test");

  private final String user;
  private final String schema;

  private SharedPostgres(String user, String schema) {
    this.user = user;
    this.schema = schema;
  }

  /** Connects as postgres (or root) and picks a fresh schema name. */
  static SharedPostgres connect() {
    SQLException last = null;
    for (String user : new String[] {"postgres", "root"}) {
      try (Connection ignored =
          DriverManager.getConnection("jdbc:postgresql://" + HOST, user, "")) {
        return new SharedPostgres(
            user,
            "symphony_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
      } catch (SQLException e) {
        last = e;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "the PostgreSQL service at " + HOST + " is required in CI", last);
    }
    Assumptions.abort("no PostgreSQL at " + HOST + ": " + last.getMessage());
    return null;
  }

  String schema() {
    return schema;
  }

  /** The catalog address for this test's schema. */
  String url() {
    return "postgres://" + user + "@" + HOST + "?schema=" + schema;
  }

  @Override
  public void close() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection("jdbc:postgresql://" + HOST, user, "");
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
