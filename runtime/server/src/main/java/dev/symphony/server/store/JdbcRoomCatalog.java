package dev.symphony.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The room catalog in a SQL database through JDBC. The schema comes from the Flyway migrations in
 * {@code db/catalog}, written for both the embedded database and PostgreSQL. Statements stick to
 * portable SQL (update, then insert when the row is missing): calls for one room arrive in order,
 * from one thread at a time.
 */
public final class JdbcRoomCatalog implements RoomCatalog {

  /** Where the migrations live on the class path. */
  public static final String MIGRATIONS = "classpath:db/catalog";

  private static final String COLUMNS = "id, created_at, last_active_at, active, document_bytes";

  private final DataSource dataSource;
  private final AutoCloseable onClose;

  private JdbcRoomCatalog(DataSource dataSource, AutoCloseable onClose) {
    this.dataSource = dataSource;
    this.onClose = onClose;
  }

  /**
   * Brings the schema up to date and returns the catalog. {@code onClose} releases the data source
   * (a pool, say) when the catalog is closed.
   */
  public static JdbcRoomCatalog open(DataSource dataSource, AutoCloseable onClose) {
    return open(dataSource, onClose, null);
  }

  /**
   * As {@link #open(DataSource, AutoCloseable)}, with the tables in {@code schema} (created when
   * missing; null for the connection's default schema). The data source's connections must use that
   * schema too (e.g. Hikari's {@code schema} setting).
   */
  public static JdbcRoomCatalog open(DataSource dataSource, AutoCloseable onClose, String schema) {
    migrate(dataSource, schema);
    return new JdbcRoomCatalog(dataSource, onClose);
  }

  /**
   * Creates or upgrades the catalog's tables and nothing else (what {@code symphony migrate} runs).
   *
   * @return how many migrations ran now (0 when the schema was up to date)
   */
  public static int migrate(DataSource dataSource, String schema) {
    var flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .table("symphony_schema_history");
    if (schema != null) {
      flyway.schemas(schema).defaultSchema(schema);
    }
    return flyway.load().migrate().migrationsExecuted;
  }

  @Override
  public void roomOpened(String roomId, Instant at) {
    run(
        "open " + roomId,
        connection -> {
          if (update(
                  connection,
                  "UPDATE room SET active = TRUE, last_active_at = ? WHERE id = ?",
                  time(at),
                  roomId)
              == 0) {
            insert(connection, roomId, at, 0);
          }
        });
  }

  @Override
  public void roomCheckpointed(String roomId, long documentBytes, Instant at) {
    run(
        "checkpoint " + roomId,
        connection -> {
          if (update(
                  connection,
                  "UPDATE room SET document_bytes = ?, last_active_at = ? WHERE id = ?",
                  documentBytes,
                  time(at),
                  roomId)
              == 0) {
            insert(connection, roomId, at, documentBytes);
          }
        });
  }

  @Override
  public void roomClosed(String roomId, Instant at) {
    run(
        "close " + roomId,
        connection ->
            update(
                connection,
                "UPDATE room SET active = FALSE, last_active_at = ? WHERE id = ?",
                time(at),
                roomId));
  }

  @Override
  public void delete(String roomId) {
    run(
        "delete " + roomId,
        connection -> update(connection, "DELETE FROM room WHERE id = ?", roomId));
  }

  @Override
  public void markAllInactive() {
    run(
        "mark all inactive",
        connection -> update(connection, "UPDATE room SET active = FALSE WHERE active = TRUE"));
  }

  @Override
  public Optional<RoomRecord> find(String roomId) {
    List<RoomRecord> found = query("SELECT " + COLUMNS + " FROM room WHERE id = ?", roomId);
    return found.stream().findFirst();
  }

  @Override
  public List<RoomRecord> list() {
    return query("SELECT " + COLUMNS + " FROM room ORDER BY last_active_at DESC, id");
  }

  @Override
  public Optional<DataSource> dataSource() {
    return Optional.of(dataSource);
  }

  @Override
  public void close() {
    try {
      onClose.close();
    } catch (Exception e) {
      throw new CatalogException("closing the room catalog failed", e);
    }
  }

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  private void run(String what, Work work) {
    try (Connection connection = dataSource.getConnection()) {
      work.run(connection);
    } catch (SQLException e) {
      throw new CatalogException("room catalog: " + what + " failed: " + e.getMessage(), e);
    }
  }

  private static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    }
  }

  private static void insert(Connection connection, String roomId, Instant at, long bytes)
      throws SQLException {
    update(
        connection,
        "INSERT INTO room (" + COLUMNS + ") VALUES (?, ?, ?, TRUE, ?)",
        roomId,
        time(at),
        time(at),
        bytes);
  }

  private List<RoomRecord> query(String sql, Object... parameters) {
    List<RoomRecord> records = new ArrayList<>();
    run(
        "query",
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                records.add(
                    new RoomRecord(
                        rows.getString(1),
                        rows.getObject(2, OffsetDateTime.class).toInstant(),
                        rows.getObject(3, OffsetDateTime.class).toInstant(),
                        rows.getBoolean(4),
                        rows.getLong(5)));
              }
            }
          }
        });
    return records;
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
