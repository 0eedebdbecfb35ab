package dev.symphony.server.metrics;

import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code symphony_room_connections} and {@code symphony_room_document_bytes} for the rooms with the
 * most connections only (ties: the larger document), so a process holding 5,000 rooms exports at
 * most {@code limit} series of each instead of 5,000. Refreshed before each scrape: a room that
 * drops out of the top, or unloads, loses its series.
 */
final class TopRoomGauges {

  private static final Comparator<RoomStats> BUSIEST_FIRST =
      Comparator.comparingInt(RoomStats::connections)
          .thenComparingLong(RoomStats::documentBytes)
          .reversed()
          .thenComparing(RoomStats::roomId);

  private final Supplier<? extends Iterable<Room>> rooms;
  private final int limit;
  private final MultiGauge connections;
  private final MultiGauge documentBytes;

  TopRoomGauges(MeterRegistry registry, Supplier<? extends Iterable<Room>> rooms, int limit) {
    this.rooms = rooms;
    this.limit = limit;
    this.connections =
        MultiGauge.builder("symphony.room.connections")
            .description("connections per room (top rooms by connections only)")
            .register(registry);
    this.documentBytes =
        MultiGauge.builder("symphony.room.document.bytes")
            .description("encoded document size per room (top rooms by connections only)")
            .register(registry);
  }

  /** Re-chooses the top rooms; synchronized as two scrapes may overlap. */
  synchronized void refresh() {
    List<RoomStats> top = top(rooms.get(), limit);
    connections.register(
        top.stream()
            .map(stats -> MultiGauge.Row.of(tags(stats), stats, s -> s.connections()))
            .toList(),
        true);
    documentBytes.register(
        top.stream()
            .map(stats -> MultiGauge.Row.of(tags(stats), stats, s -> s.documentBytes()))
            .toList(),
        true);
  }

  static List<RoomStats> top(Iterable<Room> rooms, int limit) {
    java.util.ArrayList<RoomStats> all = new java.util.ArrayList<>();
    for (Room room : rooms) {
      all.add(room.stats());
    }
    all.sort(BUSIEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  private static Tags tags(RoomStats stats) {
    return Tags.of("room", stats.roomId());
  }
}
