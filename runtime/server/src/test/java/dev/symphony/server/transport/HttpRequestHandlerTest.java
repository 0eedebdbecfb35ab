package dev.symphony.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.room.RoomStorage;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestHandlerTest {

  private final ServerState state = new ServerState();

  /** No room is ever loaded by these requests; /readyz only counts the (zero) rooms. */
  private final RoomRegistry noRooms =
      new RoomRegistry(
          roomId -> {
            throw new AssertionError("no room should be reached");
          },
          new RoomStorage(
              new MemoryDocumentStore(), new MemoryRoomCatalog(), java.time.Clock.systemUTC(), 1),
          RoomSettings.defaults());

  private FullHttpResponse request(HttpMethod method, String uri, boolean upgrade) {
    EmbeddedChannel channel =
        new EmbeddedChannel(new HttpRequestHandler(ServerConfig.defaults(), noRooms, state));
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    if (upgrade) {
      request.headers().set(HttpHeaderNames.CONNECTION, "Upgrade");
      request.headers().set(HttpHeaderNames.UPGRADE, "websocket");
    }
    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();
    channel.finishAndReleaseAll();
    return response;
  }

  private static String body(FullHttpResponse response) {
    try {
      return response.content().toString(StandardCharsets.UTF_8);
    } finally {
      response.release();
    }
  }

  @Test
  void healthzAnswersWhateverTheReadiness() {
    FullHttpResponse response = request(HttpMethod.GET, "/healthz", false);
    assertThat(response.status().code()).isEqualTo(200);
    assertThat(body(response)).isEqualTo("ok\n");
  }

  @Test
  void readyzFollowsTheServerState() {
    assertThat(request(HttpMethod.GET, "/readyz", false).status().code()).isEqualTo(503);
    state.setReady(true);
    FullHttpResponse ready = request(HttpMethod.GET, "/readyz?verbose", false);
    assertThat(ready.status().code()).isEqualTo(200);
    assertThat(body(ready)).isEqualTo("ready\nconnections 0\nrooms 0\n");
    state.setReady(false);
    assertThat(request(HttpMethod.GET, "/readyz", false).status().code()).isEqualTo(503);
  }

  @Test
  void plainRequestsForARoomAreToldToUpgrade() {
    FullHttpResponse response = request(HttpMethod.GET, "/my-room", false);
    assertThat(response.status().code()).isEqualTo(426);
    assertThat(body(response)).contains("y-websocket");
  }

  @Test
  void otherMethodsAreRefused() {
    assertThat(request(HttpMethod.POST, "/healthz", false).status().code()).isEqualTo(405);
  }

  @Test
  void upgradesAreRefusedWhileNotReadyAndForInvalidRooms() {
    assertThat(request(HttpMethod.GET, "/room", true).status().code()).isEqualTo(503);
    state.setReady(true);
    FullHttpResponse noRoom = request(HttpMethod.GET, "/", true);
    assertThat(noRoom.status().code()).isEqualTo(400);
    assertThat(body(noRoom)).contains("no room id");
    assertThat(request(HttpMethod.GET, "/bad%zz", true).status().code()).isEqualTo(400);
  }
}
