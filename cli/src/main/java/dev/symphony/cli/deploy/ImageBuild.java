package dev.symphony.cli.deploy;

import dev.symphony.cli.SymphonyCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Builds the Symphony image from this checkout's Dockerfile with Cloud Build ({@code gcloud builds
 * submit} with terraform/cloudbuild.yaml, which turns on the BuildKit the Dockerfile needs) into
 * the Artifact Registry repository terraform/registry.tf creates, so that a deploy needs no local
 * Docker.
 */
final class ImageBuild {

  /** The repository terraform/registry.tf creates: named after var.name, default "symphony". */
  private static final String REPOSITORY = "symphony";

  private ImageBuild() {}

  /**
   * Where the image of this version goes: {@code <region>-docker.pkg.dev/<project>/symphony/...}.
   */
  static String imageFor(String projectId, String region) {
    return region + "-docker.pkg.dev/" + projectId + "/" + REPOSITORY + "/symphony:" + versionTag();
  }

  /** The Cloud Build recipe, relative to the checkout. */
  static final String CONFIG = "terraform/cloudbuild.yaml";

  /** The checkout folder to upload: it must hold the Dockerfile and the recipe. */
  static Path context(Path root) {
    if (!Files.isRegularFile(root.resolve("Dockerfile"))
        || !Files.isRegularFile(root.resolve(CONFIG))) {
      throw new DeploySettings.InvalidSettingException(
          "no Dockerfile and "
              + CONFIG
              + " in "
              + root
              + " to build the image from; pass --image <ref> of an image you pushed");
    }
    return root;
  }

  /** Runs {@code gcloud builds submit}, streaming its output; returns its exit code. */
  static int submit(
      ProcessRunner runner,
      Path gcloud,
      String projectId,
      String image,
      Path context,
      PrintWriter out)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            gcloud.toString(),
            "builds",
            "submit",
            "--project",
            projectId,
            "--config",
            context.resolve(CONFIG).toString(),
            "--substitutions",
            "_IMAGE=" + image,
            "--quiet",
            context.toString());
    out.println();
    out.println(
        "==> gcloud builds submit --config "
            + CONFIG
            + " --substitutions _IMAGE="
            + image
            + " (the Dockerfile of "
            + context
            + ")");
    out.flush();
    return runner.stream(command, out);
  }

  /** The distribution's version as an image tag (dev when run from unpackaged classes). */
  private static String versionTag() {
    try (InputStream in = SymphonyCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version", "");
        if (version.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "dev";
  }
}
