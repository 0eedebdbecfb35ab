package dev.symphony.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.NodeScripts;
import dev.symphony.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Yjs clients (the npm packages yjs, y-websocket's WebsocketProvider and y-protocols, in Node)
 * against a running Symphony server; see {@code src/test/node/interop.mjs} for each scenario.
 */
class YjsInteropTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    NodeScripts.requireNode();
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String scenario(String name) {
    NodeScripts.Result result =
        NodeScripts.node(Duration.ofSeconds(100), "interop.mjs", name, server.wsUrl().toString())
            .assertSucceeded();
    assertThat(result.output()).contains("OK " + name);
    return result.output();
  }

  @Test
  void twoClientsSyncTextMapAndArray() {
    scenario("two-clients");
  }

  @Test
  void aLateJoinerGetsTheFullState() {
    scenario("late-joiner");
  }

  @Test
  void eightClientsEditingAtRandomConverge() {
    scenario("eight-random");
  }

  @Test
  void offlineEditsMergeOnReconnect() {
    scenario("offline");
  }

  @Test
  void awarenessStatesAppearAndDisappear() {
    scenario("awareness");
  }

  @Test
  void twentyRoomsStayIsolated() {
    scenario("twenty-rooms");
  }

  @Test
  void aTwoMegabyteInsertArrives() {
    scenario("large-insert");
  }

  @Test
  void garbageFramesDoNotBreakTheRoom() {
    scenario("garbage");
  }

  @Test
  void aReconnectStormConverges() {
    scenario("reconnect-storm");
  }
}
