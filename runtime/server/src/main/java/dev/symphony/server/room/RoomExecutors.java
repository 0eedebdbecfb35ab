package dev.symphony.server.room;

/** Chooses each room's executor; the same room id always gets the same executor. */
@FunctionalInterface
public interface RoomExecutors {
  RoomExecutor forRoom(String roomId);
}
