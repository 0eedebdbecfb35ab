package dev.symphony.cli.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of the starter project, kept as class-path resources under {@code template/} beside
 * this class. {@code {{name}}} becomes the project name and {@code {{symphony}}} the command that
 * runs the launcher.
 */
public final class StarterProject {

  /** Resource path (under template/) and the path written in the project. */
  private record Entry(String resource, String target) {}

  private static final List<Entry> FILES =
      List.of(
          new Entry("README.md", "README.md"),
          new Entry("package.json", "package.json"),
          new Entry("symphony.properties", "symphony.properties"),
          new Entry("serve.mjs", "serve.mjs"),
          new Entry("src/app.js", "src/app.js"),
          new Entry("public/index.html", "public/index.html"),
          new Entry("public/style.css", "public/style.css"),
          // Stored without its dot: Maven leaves .gitignore files out of the jar.
          new Entry("gitignore", ".gitignore"));

  private final ProjectName name;
  private final String launcher;

  public StarterProject(ProjectName name, String launcher) {
    this.name = name;
    this.launcher = launcher;
  }

  /**
   * Writes every file under {@code directory} (created if missing).
   *
   * @return the paths written, relative to {@code directory}, in order
   */
  public List<Path> writeTo(Path directory) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Entry entry : FILES) {
      Path target = directory.resolve(entry.target());
      Files.createDirectories(target.getParent());
      Files.writeString(target, render(read(entry.resource())), StandardCharsets.UTF_8);
      written.add(directory.relativize(target));
    }
    return written;
  }

  private String render(String text) {
    Map<String, String> values = Map.of("{{name}}", name.value(), "{{symphony}}", launcher);
    String result = text;
    for (Map.Entry<String, String> value : values.entrySet()) {
      result = result.replace(value.getKey(), value.getValue());
    }
    return result;
  }

  private static String read(String resource) {
    try (InputStream in = StarterProject.class.getResourceAsStream("template/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("template file missing from the distribution: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
