package dev.symphony.cli.compose;

import dev.symphony.cli.Installation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symphony compose <name>}: creates a starter project that runs against symphony serve. */
@Command(
    name = "compose",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a starter project: a collaborative web page on yjs + y-websocket.",
      "The folder <name> gets a page with a shared list and presence that connects",
      "to a local `symphony serve`, its config file (symphony.properties) and a",
      "README with the commands to run it."
    })
public final class ComposeCommand implements Callable<Integer> {

  static final int INVALID_NAME = 2;
  static final int NOT_CREATED = 1;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "<name>",
      description = "project name and folder: lowercase letters, digits and hyphens (e.g. my-app)")
  String name;

  @Option(
      names = "--directory",
      paramLabel = "<folder>",
      description = "where to create the project folder (default: the current folder)")
  Path parent;

  private final Map<String, String> environment;

  public ComposeCommand() {
    this(System.getenv());
  }

  ComposeCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProjectName project;
    try {
      project = new ProjectName(name);
    } catch (IllegalArgumentException e) {
      return fail(err, e.getMessage(), INVALID_NAME);
    }
    Path base = parent != null ? parent : Path.of("");
    Path directory = base.resolve(project.value());
    String problem = whyNotUsable(directory);
    if (problem != null) {
      return fail(err, problem, NOT_CREATED);
    }
    String launcher = Installation.launcherCommand(environment);
    List<Path> files;
    try {
      files = new StarterProject(project, launcher).writeTo(directory);
    } catch (IOException e) {
      return fail(err, "cannot write " + directory + ": " + e, NOT_CREATED);
    }
    out.println("created " + directory + "/ (a shared list with presence on yjs + y-websocket):");
    files.forEach(file -> out.println("  " + file));
    out.println();
    out.println("run it (two terminals, both in " + directory + "):");
    out.println("  cd " + directory);
    out.println("  " + launcher + " serve --config symphony.properties   # Symphony on port 1234");
    out.println("  npm install && npm start   # the page on http://127.0.0.1:8080/");
    out.println("then open http://127.0.0.1:8080/ in two browser windows (README.md has more).");
    out.flush();
    return 0;
  }

  /** Null when the project can be written there; else why not. */
  private static String whyNotUsable(Path directory) {
    if (!Files.exists(directory)) {
      return null;
    }
    if (!Files.isDirectory(directory)) {
      return directory + " already exists and is not a folder; choose another name";
    }
    try (Stream<Path> entries = Files.list(directory)) {
      if (entries.findAny().isPresent()) {
        return directory
            + " already exists and is not empty; choose another name or remove it (nothing was"
            + " overwritten)";
      }
    } catch (IOException e) {
      return "cannot read " + directory + ": " + e.getMessage();
    }
    return null;
  }

  private static int fail(PrintWriter err, String message, int code) {
    err.println("symphony compose: " + message);
    err.flush();
    return code;
  }
}
