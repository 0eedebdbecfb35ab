package dev.symphony.server.transport;

import dev.symphony.server.room.RoomExecutor;
import dev.symphony.server.room.RoomExecutors;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each room on one of the server's Netty event loops, chosen by the room id: the loops that
 * serve sockets also run rooms, so a room needs no thread or lock of its own.
 */
public final class EventLoopRoomExecutors implements RoomExecutors {

  private final List<RoomExecutor> executors = new ArrayList<>();

  public EventLoopRoomExecutors(EventLoopGroup group) {
    for (EventExecutor loop : group) {
      executors.add(new LoopExecutor(loop));
    }
  }

  @Override
  public RoomExecutor forRoom(String roomId) {
    int hash = roomId.hashCode();
    hash ^= hash >>> 16; // spread ids that differ only in their last characters
    return executors.get(Math.floorMod(hash, executors.size()));
  }

  private record LoopExecutor(EventExecutor loop) implements RoomExecutor {
    @Override
    public void execute(Runnable task) {
      loop.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      var future = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }
  }
}
