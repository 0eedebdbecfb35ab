package dev.symphony.server.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of a registry's rooms; a failing listener is logged and skipped. */
final class RoomListeners {

  private static final Logger log = LoggerFactory.getLogger(RoomListeners.class);

  private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

  void add(RoomListener listener) {
    listeners.add(listener);
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  void notify(Room room, String event, Consumer<RoomListener> call) {
    for (RoomListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.error("room={} listener {} failed on {}", room.id(), listener, event, e);
      }
    }
  }
}
