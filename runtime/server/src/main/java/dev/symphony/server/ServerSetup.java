package dev.symphony.server;

import dev.symphony.server.metrics.SymphonyMetrics;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.transport.HttpRoutes;
import java.util.function.Supplier;

/**
 * What a topology or an embedding application adds to a {@link RoomServer} before it starts
 * serving: room listeners (on {@link #rooms()}), HTTP routes, readiness checks, meters. Everything
 * added here is in place before the first room loads and before the first request is answered.
 */
public interface ServerSetup {

  /** The server's rooms: add {@link dev.symphony.server.room.RoomListener}s here. */
  RoomRegistry rooms();

  /** The server's metrics registry, for meters of what the setup adds. */
  SymphonyMetrics metrics();

  /** Serves these routes too, asked before the built-in admin routes. */
  void addRoutes(HttpRoutes routes);

  /** A condition for {@code /readyz}: null while well, else why the server is not ready. */
  void addReadinessCheck(Supplier<String> problem);

  /** Nothing to add. */
  java.util.function.Consumer<ServerSetup> NONE = setup -> {};
}
