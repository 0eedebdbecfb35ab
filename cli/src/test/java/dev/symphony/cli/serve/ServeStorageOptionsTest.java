package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad storage settings stop {@code symphony serve} with one line. */
class ServeStorageOptionsTest {

  @TempDir Path temp;

  private record Run(int exitCode, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new ServeCommand(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 4];
    all[0] = "--port";
    all[1] = "0";
    all[2] = "--data-dir";
    all[3] = temp.resolve("data").toString();
    System.arraycopy(args, 0, all, 4, args.length);
    int code = cli.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void anUnknownCatalogSchemeIsRefused() {
    Run run = run(Map.of(), "--catalog", "mysql://root@db/rooms");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "symphony serve: invalid catalog: unknown catalog 'mysql://root@db/rooms': expected"
                + " postgres://user:password@host:port/database, jdbc:postgresql://... or embedded");
  }

  @Test
  void anUnknownStoreSchemeIsRefusedFromTheEnvironmentToo() {
    Run run = run(Map.of("SYMPHONY_STORE", "gs://bucket"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "symphony serve: invalid store: unknown document store 'gs://bucket': expected"
                + " s3://bucket/prefix or files");
  }

  @Test
  void anUnreachableCatalogStopsStartUpWithOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run =
        run(Map.of("SYMPHONY_CATALOG", "postgres://app:hunter2@127.0.0.1:" + port + "/rooms"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith(
            "symphony serve: cannot reach the room catalog at jdbc:postgresql://127.0.0.1:"
                + port
                + "/rooms as app: ")
        .doesNotContain("hunter2");
  }

  @Test
  void anUnreachableS3EndpointStopsStartUpWithOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run =
        run(
            Map.of("AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y"),
            "--store",
            "s3://docs/prefix",
            "--s3-endpoint",
            "http://127.0.0.1:" + port,
            "--s3-path-style");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith(
            "symphony serve: cannot use s3://docs/prefix at http://127.0.0.1:" + port + ": ");
  }

  @Test
  void helpNamesTheStorageOptions() {
    Run run = run(Map.of(), "--help");
    assertThat(run.out())
        .contains("--catalog", "--store", "--s3-endpoint", "--s3-region", "--s3-path-style")
        .contains("SYMPHONY_CATALOG", "SYMPHONY_STORE");
  }
}
