package dev.symphony.server.metrics;

import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics of one Symphony process: a Prometheus registry whose every series carries the {@code
 * topology} and {@code node} tags, with JVM and process metrics, the runtime's meters and the room
 * gauges. Names follow {@code dashboards/METRICS.md}.
 *
 * <p>Topology-specific meters (pubsub-redis: {@code symphony_backplane_*}; room-per-pod: {@code
 * symphony_orchestrator_*}, {@code symphony_proxy_relay_bytes_total}) belong to those backends:
 * they register them on {@link #registry()} through {@link TopologyMeters}; nothing here creates
 * them, so a single-node process does not export empty series for them.
 */
public final class SymphonyMetrics implements AutoCloseable {

  /** The Prometheus text format that {@link #scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MetricsSettings settings;
  private final PrometheusMeterRegistry registry;
  private final MicrometerRuntimeMetrics runtime;
  private final UpdateLogMetrics updateLog;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile TopRoomGauges topRooms;

  public SymphonyMetrics(MetricsSettings settings) {
    this.settings = settings;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before any binder: common tags apply only to meters registered after them.
    registry.config().commonTags("topology", settings.topology(), "node", settings.node());
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new ResidentMemory().bindTo(registry);
    this.runtime = new MicrometerRuntimeMetrics(registry);
    this.updateLog = new UpdateLogMetrics(registry);
  }

  public MetricsSettings settings() {
    return settings;
  }

  /** For backends that add their own meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** What the transport and the rooms report to. */
  public RuntimeMetrics runtime() {
    return runtime;
  }

  public UpdateLogMetrics updateLog() {
    return updateLog;
  }

  /** Adds the gauges read from the loaded rooms: active rooms, document bytes, the top rooms. */
  public void bindRooms(RoomRegistry rooms) {
    Gauge.builder("symphony.rooms.active", rooms, RoomRegistry::size)
        .description("rooms loaded in memory")
        .register(registry);
    Gauge.builder("symphony.document.bytes", rooms, SymphonyMetrics::documentBytes)
        .description("encoded size of all loaded documents")
        .register(registry);
    topRooms = new TopRoomGauges(registry, rooms::rooms, settings.topRooms());
  }

  /** Open WebSocket connections of the process. */
  public long connections() {
    return runtime.connections();
  }

  /** Process CPU, 0..1 of all cores (NaN until the JVM has a first reading). */
  public double processCpu() {
    Gauge gauge = registry.find("process.cpu.usage").gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /** The current metrics in the Prometheus text format. */
  public String scrape() {
    TopRoomGauges top = topRooms;
    if (top != null) {
      top.refresh();
    }
    return registry.scrape();
  }

  private static double documentBytes(RoomRegistry rooms) {
    long total = 0;
    for (Room room : rooms.rooms()) {
      total += room.stats().documentBytes();
    }
    return total;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
