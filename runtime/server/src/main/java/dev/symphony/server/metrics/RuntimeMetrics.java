package dev.symphony.server.metrics;

/**
 * What the room runtime measures on its hot path. Implementations must be cheap and thread-safe:
 * the transport and the rooms call them from every event loop. {@link #NONE} measures nothing (unit
 * tests, embedding without metrics).
 */
public interface RuntimeMetrics {

  /** One y-websocket message of {@code bytes} bytes arrived. */
  void received(MessageType type, int bytes);

  /** One message of {@code bytes} bytes was queued for one receiver. */
  void sent(MessageType type, int bytes);

  /** A WebSocket connection was established (+1) or ended (-1). */
  void connectionsChanged(int delta);

  /** An upgrade was refused or a connection closed by the server. */
  void rejected(RejectReason reason);

  /** Applying one update to a room's document took {@code nanos} (fan-out excluded). */
  void updateApplied(long nanos);

  /** Handing one message to a room's other connections took {@code nanos}. */
  void fannedOut(long nanos);

  /** One snapshot write took {@code nanos}; {@code succeeded} false counts a failure. */
  void checkpointed(long nanos, boolean succeeded);

  /** Records nothing. */
  RuntimeMetrics NONE = new Disabled();

  /** The metrics that record nothing; tests extend it to watch one kind of event. */
  class Disabled implements RuntimeMetrics {
    @Override
    public void received(MessageType type, int bytes) {}

    @Override
    public void sent(MessageType type, int bytes) {}

    @Override
    public void connectionsChanged(int delta) {}

    @Override
    public void rejected(RejectReason reason) {}

    @Override
    public void updateApplied(long nanos) {}

    @Override
    public void fannedOut(long nanos) {}

    @Override
    public void checkpointed(long nanos, boolean succeeded) {}
  }
}
