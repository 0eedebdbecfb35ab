package dev.symphony.singlenode;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.symphony.server.store.JdbcRoomCatalog;
import java.nio.file.Path;

/**
 * The room catalog in an embedded H2 database file, so single-node needs no database server. H2
 * locks the file: a second server on the same data directory stops with a clear message instead of
 * corrupting it.
 */
public final class EmbeddedCatalog {

  private EmbeddedCatalog() {}

  /** Opens (and creates or migrates) {@code folder/symphony.mv.db}. */
  public static JdbcRoomCatalog open(Path folder) {
    HikariConfig config = new HikariConfig();
    // DB_CLOSE_ON_EXIT=FALSE: the server closes the database itself, after the final checkpoint
    // on shutdown has recorded its rooms, instead of H2's own shutdown hook closing it first.
    config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("symphony") + ";DB_CLOSE_ON_EXIT=FALSE");
    config.setUsername("symphony");
    config.setPassword("");
    config.setPoolName("symphony-catalog");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(describe(folder, e), e);
    }
    try {
      return JdbcRoomCatalog.open(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException(describe(folder, e), e);
    }
  }

  private static String describe(Path folder, RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("already in use") || message.contains("locked by another process")) {
        return "the catalog in "
            + folder
            + " is in use by another process (another Symphony on "
            + "the same data directory?)";
      }
    }
    return "cannot open the room catalog in " + folder + ": " + e.getMessage();
  }
}
