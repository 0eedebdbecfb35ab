package dev.symphony.server.admin;

import dev.symphony.server.metrics.ResidentMemory;
import dev.symphony.server.metrics.SymphonyMetrics;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.RoomStats;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of {@code GET /api/events}: the process (CPU, memory, connections, rooms) and the
 * loaded rooms with the most connections, read from live figures only (no storage access), so it is
 * cheap enough to build every second on an event loop.
 */
final class LiveSnapshot {

  /** Rooms per event; the page shows the busiest, the admin API pages through all. */
  static final int MAX_ROOMS = 200;

  private LiveSnapshot() {}

  static Map<String, Object> of(RoomRegistry registry, SymphonyMetrics metrics) {
    List<RoomStats> all = new ArrayList<>();
    long documentBytes = 0;
    for (Room room : registry.rooms()) {
      all.add(room.stats());
      documentBytes += room.stats().documentBytes();
    }
    all.sort(
        Comparator.comparingInt(RoomStats::connections)
            .reversed()
            .thenComparing(RoomStats::roomId));
    List<Map<String, Object>> rooms = new ArrayList<>();
    for (RoomStats stats : all.subList(0, Math.min(MAX_ROOMS, all.size()))) {
      Map<String, Object> room = new LinkedHashMap<>();
      room.put("id", stats.roomId());
      room.put("connections", stats.connections());
      room.put("documentBytes", stats.documentBytes());
      room.put("lastActive", Instant.ofEpochMilli(stats.lastActiveMillis()).toString());
      room.put("lastActiveMillis", stats.lastActiveMillis());
      rooms.add(room);
    }
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("cpuUsage", finiteOrNull(metrics.processCpu()));
    process.put("residentBytes", finiteOrNull(ResidentMemory.bytes()));
    process.put(
        "heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    process.put("connections", metrics.connections());
    process.put("activeRooms", all.size());
    process.put("documentBytes", documentBytes);
    process.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("time", Instant.now().toString());
    event.put("process", process);
    event.put("rooms", rooms);
    event.put("roomsTotal", all.size());
    return event;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
