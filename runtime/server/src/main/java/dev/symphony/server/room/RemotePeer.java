package dev.symphony.server.room;

/**
 * Stands for the clients of another node (or any origin outside this room) in the room's awareness
 * table, so their presence greets newcomers and can be dropped together. Never sent to; not bound
 * by the per-connection client limit, since one node speaks for many clients.
 */
record RemotePeer(UpdateOrigin origin) implements Connection {
  @Override
  public String remoteAddress() {
    return origin.toString();
  }

  @Override
  public void send(OutboundMessage message) {}

  @Override
  public void close(int closeCode, String reason) {}

  @Override
  public void joined() {}
}
