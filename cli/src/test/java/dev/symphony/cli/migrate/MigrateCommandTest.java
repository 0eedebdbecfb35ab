package dev.symphony.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MigrateCommandTest {

  /** The shared PostgreSQL service of CI; each run migrates a schema of its own. */
  private static final String SHARED = "127.0.0.1:5432/test";

  private record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new MigrateCommand(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void migratesOnceThenReportsUpToDate() throws Exception {
    String schema =
        "symphony_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String user = sharedUser();
    String catalog = "postgres://" + user + "@" + SHARED + "?schema=" + schema;
    try {
      Run first = run(Map.of(), "--catalog", catalog);
      assertThat(first.exitCode()).as(first.err()).isZero();
      // Any positive count: each feature that adds a migration would otherwise edit this line.
      assertThat(first.out())
          .containsPattern("is up to date \\([1-9][0-9]* migration\\(s\\) applied\\)");
      Run second = run(Map.of("SYMPHONY_CATALOG", catalog));
      assertThat(second.exitCode()).isZero();
      assertThat(second.out().strip())
          .isEqualTo(
              "room catalog at jdbc:postgresql://"
                  + SHARED
                  + " as "
                  + user
                  + " schema "
                  + schema
                  + " is up to date");
    } finally {
      try (Connection connection =
              DriverManager.getConnection("jdbc:postgresql://" + SHARED, user, "");
          var statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void anUnreachableDatabaseFailsWithOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run =
        run(
            Map.of(),
            "--catalog",
            "jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&password=pw");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith(
            "symphony migrate: cannot reach the room catalog at jdbc:postgresql://127.0.0.1:"
                + port
                + "/db as u: ")
        .doesNotContain("pw");
  }

  @Test
  void aMissingCatalogIsAUsageError() {
    Run run = run(Map.of());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("symphony migrate: no PostgreSQL catalog given");
  }

  private static String sharedUser() {
    for (String user : new String[] {"postgres", "root"}) {
      try (Connection ignored =
          DriverManager.getConnection("jdbc:postgresql://" + SHARED, user, "")) {
        return user;
      } catch (SQLException e) {
        // try the next one
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("the PostgreSQL service at " + SHARED + " is required in CI");
    }
    Assumptions.abort("no PostgreSQL at " + SHARED);
    return null;
  }
}
