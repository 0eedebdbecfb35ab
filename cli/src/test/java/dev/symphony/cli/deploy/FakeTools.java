package dev.symphony.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stand-ins for {@code terraform} and {@code gcloud}: shell scripts in a folder that becomes the
 * whole PATH of the command under test. Each records its arguments (one call per line) and answers
 * like the real tool does to the calls {@code symphony deploy} makes.
 */
final class FakeTools {

  final Path bin;
  final Path calls;
  final Path outputs;

  private FakeTools(Path bin, Path calls, Path outputs) {
    this.bin = bin;
    this.calls = calls;
    this.outputs = outputs;
  }

  static FakeTools in(Path folder) throws IOException {
    Path bin = Files.createDirectories(folder.resolve("bin"));
    return new FakeTools(bin, folder.resolve("calls.log"), folder.resolve("outputs.json"));
  }

  /** A terraform that succeeds; {@code failing} (e.g. "plan") exits 1 there. */
  FakeTools terraform(String failing) throws IOException {
    return script(
        "terraform",
        """
        printf 'terraform %s token=%s\\n' "$*" "${GOOGLE_OAUTH_ACCESS_TOKEN:-none}" >> '%CALLS%'
        case " $* " in
          *" %FAIL% "*) echo "Error: %FAIL% went wrong"; exit 1 ;;
        esac
        case " $* " in
          *" init "*) echo "Terraform has been successfully initialized!" ;;
          *" plan "*) echo "Plan: 42 to add, 0 to change, 0 to destroy." ;;
          *" apply "*) echo "Apply complete! Resources: 42 added, 0 changed, 0 destroyed." ;;
          *" output "*) /bin/cat '%OUTPUTS%' ;;
        esac
        """
            .replace("%FAIL%", failing == null ? "never-fails" : failing));
  }

  /** A gcloud signed in (or not), whose configured project is {@code project} (null: unset). */
  FakeTools gcloud(boolean signedIn, String project) throws IOException {
    return script(
        "gcloud",
        """
        printf 'gcloud %s\\n' "$*" >> '%CALLS%'
        case "$1 $2" in
          "auth print-access-token") %AUTH% ;;
          "config get-value") echo '%PROJECT%' ;;
          "builds submit") echo "Uploading tarball... DONE"; echo "STATUS: SUCCESS" ;;
          *) exit 2 ;;
        esac
        """
            .replace(
                "%AUTH%",
                signedIn
                    ? "echo ya29.fake-token"
                    : "echo 'ERROR: (gcloud.auth.print-access-token) no credentialed accounts.' >&2;"
                        + " exit 1")
            .replace("%PROJECT%", project == null ? "(unset)" : project));
  }

  List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private FakeTools script(String name, String body) throws IOException {
    Path script = bin.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + body.replace("%CALLS%", calls.toString()).replace("%OUTPUTS%", outputs.toString()));
    script.toFile().setExecutable(true);
    return this;
  }
}
