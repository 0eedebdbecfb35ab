// Room: one room's connections and document size over time, and the rooms with the most of each.
// Per-room series exist only for the top rooms Symphony chooses to export (bounded cardinality).
import { Board, datasourceVariable, newDashboard, q, queryVariable } from "../kit";

const ROOM = 'room="$room"';

export function room() {
  const board = new Board(
    newDashboard({
      uid: "symphony-room",
      title: "Symphony / Room",
      description:
        "One room's connections and document size over time. Per-room series cover the top rooms only (bounded), so a quiet room may have none.",
      tags: ["room"],
    })
      .withVariable(datasourceVariable())
      .withVariable(
        queryVariable("room", {
          label: "Room",
          query: "label_values(symphony_room_connections, room)",
          description: "rooms that have per-room series (the top rooms)",
        }),
      ),
  );

  board
    .row("Room $room")
    .stat({
      title: "Connections",
      description: "Open connections to this room, all processes (symphony_room_connections).",
      unit: "short",
      w: 6,
      queries: [q(`sum(symphony_room_connections{${ROOM}})`, "connections")],
    })
    .stat({
      title: "Document size",
      description: "Encoded size of this room's document (symphony_room_document_bytes).",
      unit: "bytes",
      w: 6,
      queries: [q(`max(symphony_room_document_bytes{${ROOM}})`, "document")],
    })
    .stat({
      title: "Processes holding the room",
      description: "Processes that export series for this room: 1 on single-node and room-per-pod, one per node on pubsub-redis.",
      unit: "short",
      w: 6,
      queries: [q(`count(symphony_room_connections{${ROOM}})`, "processes")],
    })
    .stat({
      title: "Peak connections",
      description: "Most connections to this room at once in the chosen time range (symphony_room_connections).",
      unit: "short",
      w: 6,
      calc: "max",
      queries: [q(`sum(symphony_room_connections{${ROOM}})`, "peak")],
    })
    .timeseries({
      title: "Connections over time",
      description: "Open connections to this room per process (symphony_room_connections).",
      unit: "short",
      min: 0,
      stack: true,
      queries: [q(`sum by (instance) (symphony_room_connections{${ROOM}})`, "{{instance}}")],
    })
    .timeseries({
      title: "Document size over time",
      description: "Encoded size of this room's document as each process holding it sees it (symphony_room_document_bytes).",
      unit: "bytes",
      min: 0,
      queries: [q(`max by (instance) (symphony_room_document_bytes{${ROOM}})`, "{{instance}}")],
    });

  board
    .row("Top rooms")
    .bars({
      title: "Most connections",
      description: "The 15 rooms with the most open connections now (symphony_room_connections).",
      unit: "short",
      queries: [q("topk(15, sum by (room) (symphony_room_connections))", "{{room}}")],
    })
    .bars({
      title: "Largest documents",
      description: "The 15 rooms with the largest documents now (symphony_room_document_bytes).",
      unit: "bytes",
      queries: [q("topk(15, max by (room) (symphony_room_document_bytes))", "{{room}}")],
    });

  return board.build();
}
