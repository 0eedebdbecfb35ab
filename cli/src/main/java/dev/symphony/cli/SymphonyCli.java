package dev.symphony.cli;

import dev.symphony.cli.compose.ComposeCommand;
import dev.symphony.cli.dashboard.DashboardCommand;
import dev.symphony.cli.deploy.DeployCommand;
import dev.symphony.cli.migrate.MigrateCommand;
import dev.symphony.cli.serve.ServeCommand;
import dev.symphony.cli.token.TokenCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code symphony} command: entry point of the distribution that {@code ./symphony} runs. */
@Command(
    name = "symphony",
    mixinStandardHelpOptions = true,
    versionProvider = SymphonyCli.Version.class,
    description = {
      "Self-hosted real-time collaboration for Yjs applications.",
      "Browsers connect with the standard y-websocket provider to ws://host:port/<room>."
    },
    subcommands = {
      ServeCommand.class,
      MigrateCommand.class,
      ComposeCommand.class,
      DeployCommand.class,
      DashboardCommand.class,
      TokenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SymphonyCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  static CommandLine newCommandLine() {
    return new CommandLine(new SymphonyCli());
  }

  @Override
  public void run() {
    // No subcommand given: show what there is to run.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version Maven wrote into the distribution. */
  static final class Version implements CommandLine.IVersionProvider {
    static String current() {
      try (InputStream in = SymphonyCli.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String[] getVersion() {
      return new String[] {
        "symphony " + current(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
