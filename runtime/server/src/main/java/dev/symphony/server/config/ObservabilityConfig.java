package dev.symphony.server.config;

import dev.symphony.server.metrics.MetricsSettings;

/**
 * Metrics and the developer dashboard.
 *
 * @param metrics tags and the bound on per-room series
 * @param grafanaUrl where Grafana with the Symphony dashboards runs (the dashboard page links to
 *     it), or null
 */
public record ObservabilityConfig(MetricsSettings metrics, String grafanaUrl) {

  public static ObservabilityConfig defaults() {
    return new ObservabilityConfig(MetricsSettings.defaults(), null);
  }

  public ObservabilityConfig withMetrics(MetricsSettings value) {
    return new ObservabilityConfig(value, grafanaUrl);
  }

  public ObservabilityConfig withGrafanaUrl(String value) {
    return new ObservabilityConfig(metrics, value);
  }
}
