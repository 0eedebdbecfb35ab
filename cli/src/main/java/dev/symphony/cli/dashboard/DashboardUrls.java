package dev.symphony.cli.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** The addresses of a Symphony server's dashboard and of the Grafana dashboards about it. */
public record DashboardUrls(String server, String grafana) {

  /** The environment variable naming Grafana's address (e.g. http://127.0.0.1:3000). */
  public static final String GRAFANA_URL_ENV = "SYMPHONY_GRAFANA_URL";

  /**
   * @param host the server's host (an IPv6 address is bracketed)
   * @param grafana Grafana's base URL, or null/blank when there is none
   */
  public static DashboardUrls of(String host, int port, String grafana) {
    String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String base =
        grafana == null || grafana.isBlank() ? null : grafana.strip().replaceAll("/+$", "");
    return new DashboardUrls("http://" + urlHost + ":" + port, base);
  }

  public String dashboard() {
    return server + "/dashboard";
  }

  /** Labelled URLs in the order they are printed. */
  public Map<String, String> all() {
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("dashboard", dashboard());
    urls.put("metrics", server + "/metrics");
    urls.put("admin API", server + "/api/rooms");
    if (grafana != null) {
      urls.put("Grafana overview", grafana + "/d/symphony-overview");
      urls.put("Grafana room", grafana + "/d/symphony-room?var-room=<room-id>");
    }
    return urls;
  }
}
