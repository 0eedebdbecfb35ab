// pubsub-redis: nodes that replicate rooms over a Redis backplane.
import { Board, datasourceVariable, newDashboard, q, quantiles, queryVariable } from "../kit";

const SEL = 'topology="pubsub-redis", node=~"$node"';
const RATE = "[$__rate_interval]";

export function pubsubRedis() {
  const board = new Board(
    newDashboard({
      uid: "symphony-pubsub-redis",
      title: "Symphony / pubsub-redis backplane",
      description: "Nodes sharing rooms over Redis: backplane lag, backplane traffic, nodes and their connections.",
      tags: ["pubsub-redis"],
    })
      .withVariable(datasourceVariable())
      .withVariable(
        queryVariable("node", {
          label: "Node",
          query: 'label_values(symphony_connections{topology="pubsub-redis"}, node)',
          description: "pubsub-redis node ids",
          multi: true,
        }),
      ),
  );

  board
    .row("Now")
    .stat({
      title: "Nodes",
      description: "pubsub-redis nodes that export metrics (distinct node ids of symphony_connections).",
      unit: "short",
      w: 6,
      queries: [q(`count(count by (node) (symphony_connections{${SEL}}))`, "nodes")],
    })
    .stat({
      title: "Connections",
      description: "Open WebSocket connections on all selected nodes (symphony_connections).",
      unit: "short",
      w: 6,
      queries: [q(`sum(symphony_connections{${SEL}})`, "connections")],
    })
    .stat({
      title: "Backplane lag p99",
      description: "99th percentile time from publish on one node to receipt on another (symphony_backplane_lag_seconds).",
      unit: "s",
      w: 6,
      queries: quantiles("symphony_backplane_lag_seconds", SEL, [0.99]),
    })
    .stat({
      title: "Published / s",
      description: "Messages published to the backplane per second (symphony_backplane_messages_total{direction=\"published\"}).",
      unit: "ops",
      w: 6,
      queries: [q(`sum(rate(symphony_backplane_messages_total{${SEL}, direction="published"}${RATE}))`, "published")],
    });

  board
    .row("Backplane")
    .timeseries({
      title: "Backplane lag",
      description: "Publish on one node to receipt on another: p50 and p99 (symphony_backplane_lag_seconds).",
      unit: "s",
      min: 0,
      queries: quantiles("symphony_backplane_lag_seconds", SEL, [0.5, 0.99]),
    })
    .timeseries({
      title: "Backplane messages",
      description: "Messages published to and received from Redis per second (symphony_backplane_messages_total).",
      unit: "ops",
      min: 0,
      queries: [q(`sum by (direction) (rate(symphony_backplane_messages_total{${SEL}}${RATE}))`, "{{direction}}")],
    })
    .timeseries({
      title: "Backplane lag p99 by receiving node",
      description: "99th percentile backplane lag measured on each node (symphony_backplane_lag_seconds).",
      unit: "s",
      min: 0,
      queries: quantiles("symphony_backplane_lag_seconds", SEL, [0.99], ["node"]),
    })
    .timeseries({
      title: "Backplane messages by node",
      description: "Messages published and received per second on each node (symphony_backplane_messages_total).",
      unit: "ops",
      min: 0,
      queries: [
        q(`sum by (node, direction) (rate(symphony_backplane_messages_total{${SEL}}${RATE}))`, "{{node}} {{direction}}"),
      ],
    });

  board
    .row("Nodes")
    .timeseries({
      title: "Connections per node",
      description: "Open WebSocket connections on each node (symphony_connections).",
      unit: "short",
      min: 0,
      stack: true,
      queries: [q(`sum by (node) (symphony_connections{${SEL}})`, "{{node}}")],
    })
    .timeseries({
      title: "Active rooms per node",
      description: "Rooms loaded on each node; a room with clients on two nodes is loaded on both (symphony_rooms_active).",
      unit: "short",
      min: 0,
      stack: true,
      queries: [q(`sum by (node) (symphony_rooms_active{${SEL}})`, "{{node}}")],
    });

  return board.build();
}
