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
        "  data:    "
            + node.data().root()
            + " (snapshots in documents/, room catalog in catalog/)");
    out.println(
        "  rooms:   unloaded "
            + settings.grace().toSeconds()
            + "s after the last client leaves; changes written every "
            + settings.checkpointInterval().toSeconds()
            + "s and on shutdown");
    out.println("Stop with Ctrl+C or SIGTERM (rooms are stored first).");
    out.flush();
    if (!ServeCommand.isLoopback(settings.host())) {
      err.println(
          "WARNING: listening on "
              + settings.host()
              + " without authentication: anyone who can reach port "
              + address.getPort()
              + " can read and change every document. Bind to 127.0.0.1 or put an"
              + " authenticating proxy in front.");
      err.flush();
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
