package dev.symphony.cli.serve;

import dev.symphony.singlenode.SingleNode;
import java.io.PrintWriter;
import java.net.InetSocketAddress;

/** The few lines {@code symphony serve} prints once it listens: where, where data lives, how. */
final class StartupBanner {

  private StartupBanner() {}

  static void print(PrintWriter out, PrintWriter err, ServeSettings settings, SingleNode node) {
    InetSocketAddress address = node.address();
    // A wildcard bind reads better as the address the user asked for (0.0.0.0, not [::]).
    String host =
        address.getAddress().isAnyLocalAddress()
            ? settings.host()
            : hostForUrl(address.getAddress().getHostAddress());
    String hostPort = host + ":" + address.getPort();
    out.println("Symphony single-node listening on ws://" + hostPort + "/<room-id>");
    out.println("  health:  http://" + hostPort + "/healthz  (ready: /readyz)");
    out.println(
        "  watch:   http://" + hostPort + "/dashboard  (metrics: /metrics, admin API: /api/rooms)");
    out.println("  data:    " + node.data().root() + " (" + node.storageDescription() + ")");
    out.println(
        "  rooms:   unloaded "
            + settings.grace().toSeconds()
            + "s after the last client leaves; changes written every "
            + settings.checkpointInterval().toSeconds()
            + "s and on shutdown");
    out.println(
        settings.updateLog()
            ? "  log:     every update logged in log/ and synced within "
                + settings.logFlushInterval().toMillis()
                + "ms; a crash loses no older update"
            : "  log:     off (--update-log off): a crash loses up to "
                + settings.checkpointInterval().toSeconds()
                + "s of changes");
    out.println("Stop with Ctrl+C or SIGTERM (rooms are stored first).");
    out.flush();
    // Auth mode and the --insecure warning: InsecureBind.describe, printed by ServeCommand.
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
