// Overview: the whole fleet (or the chosen topology and instances) at a glance.
import { Board, datasourceVariable, newDashboard, q, quantiles, queryVariable } from "../kit";

/** Series of the chosen topology and instances. "All" is `.*`, which also matches a missing label. */
const SEL = 'topology=~"$topology", instance=~"$instance"';
const RATE = "[$__rate_interval]";

export function overview() {
  const board = new Board(
    newDashboard({
      uid: "symphony-overview",
      title: "Symphony / Overview",
      description:
        "Connections, rooms, traffic by message type, update and fan-out latency, persistence and process resources of every Symphony process.",
      tags: ["overview"],
    })
      .withVariable(datasourceVariable())
      .withVariable(
        queryVariable("topology", {
          label: "Topology",
          query: "label_values(symphony_connections, topology)",
          description: "single-node, pubsub-redis or room-per-pod",
          multi: true,
        }),
      )
      .withVariable(
        queryVariable("instance", {
          label: "Instance",
          query: 'label_values(symphony_connections{topology=~"$topology"}, instance)',
          description: "scraped Symphony processes",
          multi: true,
        }),
      ),
  );

  board
    .row("Now")
    .stat({
      title: "Connections",
      description: "Open WebSocket connections (symphony_connections).",
      unit: "short",
      queries: [q(`sum(symphony_connections{${SEL}})`, "connections")],
    })
    .stat({
      title: "Active rooms",
      description: "Rooms loaded in memory (symphony_rooms_active).",
      unit: "short",
      queries: [q(`sum(symphony_rooms_active{${SEL}})`, "rooms")],
    })
    .stat({
      title: "Document bytes",
      description: "Encoded size of all loaded documents (symphony_document_bytes).",
      unit: "bytes",
      queries: [q(`sum(symphony_document_bytes{${SEL}})`, "bytes")],
    })
    .stat({
      title: "Messages in / s",
      description: "y-websocket messages received per second, all types (symphony_messages_received_total).",
      unit: "ops",
      queries: [q(`sum(rate(symphony_messages_received_total{${SEL}}${RATE}))`, "messages in")],
    })
    .stat({
      title: "Update apply p99",
      description: "99th percentile time to apply one update to a room's document (symphony_update_apply_seconds).",
      unit: "s",
      queries: quantiles("symphony_update_apply_seconds", SEL, [0.99]),
    })
    .stat({
      title: "Rejected / s",
      description: "Upgrades refused or connections closed by a limit or auth (symphony_connections_rejected_total).",
      unit: "ops",
      queries: [q(`sum(rate(symphony_connections_rejected_total{${SEL}}${RATE})) or vector(0)`, "rejected")],
    });

  board
    .row("Connections and rooms")
    .timeseries({
      title: "Connections",
      description: "Open WebSocket connections per instance (symphony_connections).",
      unit: "short",
      min: 0,
      w: 8,
      queries: [q(`sum by (instance) (symphony_connections{${SEL}})`, "{{instance}}")],
    })
    .timeseries({
      title: "Active rooms",
      description: "Rooms loaded in memory per instance (symphony_rooms_active).",
      unit: "short",
      min: 0,
      w: 8,
      queries: [q(`sum by (instance) (symphony_rooms_active{${SEL}})`, "{{instance}}")],
    })
    .timeseries({
      title: "Rejected connections by reason",
      description:
        "Upgrades refused or connections closed by a limit or by auth, per second, by reason (symphony_connections_rejected_total).",
      unit: "ops",
      min: 0,
      w: 8,
      queries: [q(`sum by (reason) (rate(symphony_connections_rejected_total{${SEL}}${RATE}))`, "{{reason}}")],
    });

  board
    .row("Traffic by message type")
    .timeseries({
      title: "Messages in by type",
      description: "y-websocket messages received per second by type (symphony_messages_received_total).",
      unit: "ops",
      min: 0,
      stack: true,
      queries: [q(`sum by (type) (rate(symphony_messages_received_total{${SEL}}${RATE}))`, "{{type}}")],
    })
    .timeseries({
      title: "Messages out by type",
      description: "y-websocket messages sent per second by type, each receiver counted (symphony_messages_sent_total).",
      unit: "ops",
      min: 0,
      stack: true,
      queries: [q(`sum by (type) (rate(symphony_messages_sent_total{${SEL}}${RATE}))`, "{{type}}")],
    })
    .timeseries({
      title: "Bytes in by type",
      description: "Payload bytes received per second by message type (symphony_bytes_received_total).",
      unit: "Bps",
      min: 0,
      stack: true,
      queries: [q(`sum by (type) (rate(symphony_bytes_received_total{${SEL}}${RATE}))`, "{{type}}")],
    })
    .timeseries({
      title: "Bytes out by type",
      description: "Payload bytes sent per second by message type, each receiver counted (symphony_bytes_sent_total).",
      unit: "Bps",
      min: 0,
      stack: true,
      queries: [q(`sum by (type) (rate(symphony_bytes_sent_total{${SEL}}${RATE}))`, "{{type}}")],
    });

  board
    .row("Latency")
    .timeseries({
      title: "Update apply time",
      description:
        "Time to apply one update to a room's document: p50, p95, p99 from the histogram buckets (symphony_update_apply_seconds).",
      unit: "s",
      min: 0,
      queries: quantiles("symphony_update_apply_seconds", SEL, [0.5, 0.95, 0.99]),
    })
    .timeseries({
      title: "Fan-out time",
      description:
        "Time to hand one message to all of a room's other connections: p50, p95, p99 (symphony_fanout_seconds).",
      unit: "s",
      min: 0,
      queries: quantiles("symphony_fanout_seconds", SEL, [0.5, 0.95, 0.99]),
    });

  board
    .row("Persistence")
    .timeseries({
      title: "Document bytes",
      description: "Encoded size of all loaded documents per instance (symphony_document_bytes).",
      unit: "bytes",
      min: 0,
      w: 8,
      queries: [q(`sum by (instance) (symphony_document_bytes{${SEL}})`, "{{instance}}")],
    })
    .timeseries({
      title: "Checkpoint duration",
      description: "Time to write one snapshot: p50, p95, p99 (symphony_checkpoint_seconds).",
      unit: "s",
      min: 0,
      w: 8,
      queries: quantiles("symphony_checkpoint_seconds", SEL, [0.5, 0.95, 0.99]),
    })
    .timeseries({
      title: "Checkpoints and failures",
      description:
        "Snapshots written per second (symphony_checkpoint_seconds_count) and snapshot writes that failed (symphony_checkpoint_failures_total).",
      unit: "ops",
      min: 0,
      w: 8,
      queries: [
        q(`sum(rate(symphony_checkpoint_seconds_count{${SEL}}${RATE}))`, "checkpoints"),
        q(`sum(rate(symphony_checkpoint_failures_total{${SEL}}${RATE}))`, "failures"),
      ],
    })
    .timeseries({
      title: "Update-log flush time",
      description: "Time of one update-log sync (group commit): p50, p95, p99 (symphony_update_log_flush_seconds).",
      unit: "s",
      min: 0,
      queries: quantiles("symphony_update_log_flush_seconds", SEL, [0.5, 0.95, 0.99]),
    })
    .timeseries({
      title: "Update-log queue",
      description: "Updates handed to the log and not yet durable, per instance: the log lag (symphony_update_log_queued).",
      unit: "short",
      min: 0,
      queries: [q(`sum by (instance) (symphony_update_log_queued{${SEL}})`, "{{instance}}")],
    });

  board
    .row("Process")
    .timeseries({
      title: "Process CPU",
      description: "CPU used by the process, as a share of all cores of its machine (process_cpu_usage).",
      unit: "percentunit",
      min: 0,
      w: 8,
      queries: [q(`max by (instance) (process_cpu_usage{${SEL}})`, "{{instance}}")],
    })
    .timeseries({
      title: "Process memory (resident)",
      description: "Resident set size of the process (process_resident_memory_bytes).",
      unit: "bytes",
      min: 0,
      w: 8,
      queries: [q(`max by (instance) (process_resident_memory_bytes{${SEL}})`, "{{instance}}")],
    })
    .timeseries({
      title: "JVM heap used",
      description: "Heap in use, all heap pools summed (jvm_memory_used_bytes{area=\"heap\"}).",
      unit: "bytes",
      min: 0,
      w: 8,
      queries: [q(`sum by (instance) (jvm_memory_used_bytes{${SEL}, area="heap"})`, "{{instance}}")],
    });

  return board.build();
}
