// room-per-pod: a proxy that starts one backend (local process or Kubernetes pod) per room.
import { Board, datasourceVariable, newDashboard, q, quantiles, queryVariable } from "../kit";

const ORCH = 'topology="room-per-pod", orchestrator=~"$orchestrator"';
const PROXY = 'topology="room-per-pod"';
const RATE = "[$__rate_interval]";

export function roomPerPod() {
  const board = new Board(
    newDashboard({
      uid: "symphony-room-per-pod",
      title: "Symphony / room-per-pod orchestrator",
      description:
        "The proxy and its orchestrator: cold-start time of room backends, running backends, start failures and bytes relayed.",
      tags: ["room-per-pod"],
    })
      .withVariable(datasourceVariable())
      .withVariable(
        queryVariable("orchestrator", {
          label: "Orchestrator",
          query: "label_values(symphony_orchestrator_backends_active, orchestrator)",
          description: "local-process or kubernetes",
          multi: true,
        }),
      ),
  );

  board
    .row("Now")
    .stat({
      title: "Active backends",
      description: "Room backends running now (symphony_orchestrator_backends_active).",
      unit: "short",
      w: 6,
      queries: [q(`sum(symphony_orchestrator_backends_active{${ORCH}})`, "backends")],
    })
    .stat({
      title: "Cold start p95",
      description: "95th percentile time from request to ready of a new room backend (symphony_orchestrator_cold_start_seconds).",
      unit: "s",
      w: 6,
      queries: quantiles("symphony_orchestrator_cold_start_seconds", ORCH, [0.95]),
    })
    .stat({
      title: "Start failures (time range)",
      description: "Room backends that failed to start in the chosen time range (symphony_orchestrator_start_failures_total).",
      unit: "short",
      w: 6,
      queries: [q(`sum(increase(symphony_orchestrator_start_failures_total{${ORCH}}[$__range])) or vector(0)`, "failures")],
    })
    .stat({
      title: "Proxy connections",
      description:
        "Client connections open at the proxy: symphony_connections of the room-per-pod processes that relay (export symphony_proxy_relay_bytes_total), not counting the room backends.",
      unit: "short",
      w: 6,
      queries: [q(`sum(symphony_connections{${PROXY}} and on (instance) symphony_proxy_relay_bytes_total{${PROXY}})`, "connections")],
    });

  board
    .row("Orchestrator")
    .timeseries({
      title: "Cold-start time",
      description: "Request to ready of a new room backend: p50 and p95 (symphony_orchestrator_cold_start_seconds).",
      unit: "s",
      min: 0,
      queries: quantiles("symphony_orchestrator_cold_start_seconds", ORCH, [0.5, 0.95], ["orchestrator"]),
    })
    .timeseries({
      title: "Cold starts and start failures",
      description:
        "Backends started per second (symphony_orchestrator_cold_start_seconds_count) and backends that failed to start (symphony_orchestrator_start_failures_total).",
      unit: "ops",
      min: 0,
      queries: [
        q(`sum by (orchestrator) (rate(symphony_orchestrator_cold_start_seconds_count{${ORCH}}${RATE}))`, "{{orchestrator}} started"),
        q(`sum by (orchestrator) (rate(symphony_orchestrator_start_failures_total{${ORCH}}${RATE}))`, "{{orchestrator}} failed"),
      ],
    })
    .timeseries({
      title: "Active backends",
      description: "Room backends running, by orchestrator (symphony_orchestrator_backends_active).",
      unit: "short",
      min: 0,
      queries: [q(`sum by (orchestrator) (symphony_orchestrator_backends_active{${ORCH}})`, "{{orchestrator}}")],
    })
    .timeseries({
      title: "Proxy relay bytes",
      description: "Bytes relayed by the proxy per second, to the room backends and back to the clients (symphony_proxy_relay_bytes_total).",
      unit: "Bps",
      min: 0,
      queries: [q(`sum by (direction) (rate(symphony_proxy_relay_bytes_total{${PROXY}}${RATE}))`, "{{direction}}")],
    });

  return board.build();
}
