package dev.symphony.cli.migrate;

import dev.symphony.singlenode.CatalogAddress;
import dev.symphony.singlenode.PostgresCatalog;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code symphony migrate}: creates or upgrades the room catalog's tables in PostgreSQL and exits,
 * as a Kubernetes Job (or a deploy step) runs it before the servers start. {@code serve} runs the
 * same migrations at start-up, so this is optional.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or upgrades the room catalog's tables in PostgreSQL, then exits.",
      "Exit code 0 when the schema is up to date, 1 when the database cannot be migrated,",
      "2 for a missing or bad --catalog."
    })
public final class MigrateCommand implements Callable<Integer> {

  static final int FAILED = 1;
  static final int INVALID_SETTINGS = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--catalog",
      paramLabel = "<address>",
      description =
          "postgres://user:password@host:port/database[?schema=s] or jdbc:postgresql://..."
              + " (also SYMPHONY_CATALOG)")
  String catalog;

  private final Map<String, String> environment;

  public MigrateCommand() {
    this(System.getenv());
  }

  MigrateCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String value = catalog != null ? catalog : environment.get("SYMPHONY_CATALOG");
    CatalogAddress address;
    try {
      address = CatalogAddress.parse(value);
    } catch (IllegalArgumentException e) {
      return fail(err, INVALID_SETTINGS, "invalid catalog: " + e.getMessage());
    }
    if (address.embedded()) {
      return fail(
          err,
          INVALID_SETTINGS,
          "no PostgreSQL catalog given: --catalog postgres://user:password@host:port/database or"
              + " SYMPHONY_CATALOG (the embedded catalog is migrated by serve at start-up)");
    }
    int applied;
    try {
      applied = PostgresCatalog.migrate(address);
    } catch (RuntimeException e) {
      return fail(err, FAILED, e.getMessage());
    }
    out.println(
        "room catalog at "
            + address.describe()
            + " is up to date"
            + (applied == 0 ? "" : " (" + applied + " migration(s) applied)"));
    out.flush();
    return 0;
  }

  private static int fail(PrintWriter err, int code, String message) {
    err.println("symphony migrate: " + message);
    err.flush();
    return code;
  }
}
