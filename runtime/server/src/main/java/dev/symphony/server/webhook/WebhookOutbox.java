package dev.symphony.server.webhook;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The {@code webhook_outbox} table in the catalog database (migration {@code V2}): one row per
 * event and receiver, inserted before any delivery is tried and deleted once the receiver took it.
 * Every method blocks; the writer and the dispatchers call it from their own threads.
 */
public final class WebhookOutbox {

  /** A row waiting for delivery. */
  public record Pending(long seq, String eventId, String type, Instant createdAt, String body) {}

  private final DataSource dataSource;

  public WebhookOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts every event for every target in one transaction; when this returns, all of them are
   * committed. On H2 (the embedded catalog) the store is also written to its file at once, since H2
   * would otherwise keep commits in memory for up to its write delay and a killed process would
   * lose them.
   */
  public void insert(List<WebhookEvent> events, List<URI> targets) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO webhook_outbox (event_id, event_type, target, room_id, body,"
                  + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (WebhookEvent event : events) {
          for (URI target : targets) {
            insert.setString(1, event.id());
            insert.setString(2, event.type());
            insert.setString(3, target.toString());
            insert.setString(4, event.roomId());
            insert.setString(5, event.body());
            insert.setObject(6, event.createdAt().atOffset(ZoneOffset.UTC));
            insert.addBatch();
          }
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      if (isH2(connection)) {
        try (Statement checkpoint = connection.createStatement()) {
          checkpoint.execute("CHECKPOINT");
        }
      }
    }
  }

  /** The oldest {@code limit} rows for {@code target}, oldest first. */
  public List<Pending> pending(URI target, int limit) throws SQLException {
    List<Pending> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT seq, event_id, event_type, body, created_at FROM webhook_outbox"
                    + " WHERE target = ? ORDER BY seq")) {
      query.setMaxRows(limit);
      query.setString(1, target.toString());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(
              new Pending(
                  result.getLong(1),
                  result.getString(2),
                  result.getString(3),
                  result.getObject(5, OffsetDateTime.class).toInstant(),
                  result.getString(4)));
        }
      }
    }
    return rows;
  }

  /** Forgets a delivered row. */
  public void delete(long seq) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM webhook_outbox WHERE seq = ?")) {
      delete.setLong(1, seq);
      delete.executeUpdate();
    }
  }

  /**
   * Takes or renews the lease on {@code target}'s rows for {@code holder} until {@code until}: true
   * when {@code holder} has it now (it held it, or the last holder's lease ran out at {@code now}).
   */
  public boolean lease(URI target, String holder, Instant now, Instant until) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement renew =
          connection.prepareStatement(
              "UPDATE webhook_lease SET holder = ?, expires_at = ?"
                  + " WHERE target = ? AND (holder = ? OR expires_at < ?)")) {
        renew.setString(1, holder);
        renew.setObject(2, until.atOffset(ZoneOffset.UTC));
        renew.setString(3, target.toString());
        renew.setString(4, holder);
        renew.setObject(5, now.atOffset(ZoneOffset.UTC));
        if (renew.executeUpdate() == 1) {
          return true;
        }
      }
      try (PreparedStatement exists =
          connection.prepareStatement("SELECT 1 FROM webhook_lease WHERE target = ?")) {
        exists.setString(1, target.toString());
        try (ResultSet result = exists.executeQuery()) {
          if (result.next()) {
            return false; // another process holds it
          }
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO webhook_lease (target, holder, expires_at) VALUES (?, ?, ?)")) {
        insert.setString(1, target.toString());
        insert.setString(2, holder);
        insert.setObject(3, until.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
          return false; // another process inserted it first
        }
        throw e;
      }
    }
  }

  /** Gives the lease up (a clean stop), so another process need not wait for it to run out. */
  public void release(URI target, String holder) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM webhook_lease WHERE target = ? AND holder = ?")) {
      delete.setString(1, target.toString());
      delete.setString(2, holder);
      delete.executeUpdate();
    }
  }

  /** How many rows wait for {@code target}. */
  public long count(URI target) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT COUNT(*) FROM webhook_outbox WHERE target = ?")) {
      query.setString(1, target.toString());
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Targets that have rows but are not in {@code configured} (a URL removed from the settings). */
  public List<String> orphanedTargets(List<URI> configured) throws SQLException {
    List<String> orphaned = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement query = connection.createStatement();
        ResultSet result = query.executeQuery("SELECT DISTINCT target FROM webhook_outbox")) {
      while (result.next()) {
        String target = result.getString(1);
        if (configured.stream().noneMatch(url -> url.toString().equals(target))) {
          orphaned.add(target);
        }
      }
    }
    return orphaned;
  }

  private static boolean isH2(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).equals("H2");
  }
}
