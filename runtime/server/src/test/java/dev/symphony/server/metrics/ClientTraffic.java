package dev.symphony.server.metrics;

import dev.symphony.client.RoomClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Real y-websocket traffic from Java clients: {@code clientsPerRoom} clients in each room, each
 * inserting text and renewing its presence every {@code periodMillis}, until closed.
 */
public final class ClientTraffic implements AutoCloseable {

  private final List<RoomClient> clients = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

  public ClientTraffic(URI server, List<String> rooms, int clientsPerRoom, long periodMillis)
      throws Exception {
    for (String room : rooms) {
      for (int i = 0; i < clientsPerRoom; i++) {
        RoomClient client = RoomClient.connect(server, room);
        clients.add(client);
        client.synced().get(20, TimeUnit.SECONDS);
      }
    }
    ticker.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  public List<RoomClient> clients() {
    return clients;
  }

  private void tick() {
    for (RoomClient client : clients) {
      if (client.status() != RoomClient.Status.SYNCED) {
        continue;
      }
      client.change(doc -> doc.getText("text").insert(0, "x"));
      client.setPresence("{\"user\":\"" + client.clientId() + "\"}");
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clients.forEach(RoomClient::close);
  }
}
