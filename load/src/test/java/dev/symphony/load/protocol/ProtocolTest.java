package dev.symphony.load.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.yjs.codec.Lib0Writer;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  private static byte[] hocuspocusFrame(String doc, int... body) {
    Lib0Writer out = new Lib0Writer();
    out.writeVarString(doc);
    for (int b : body) {
      out.writeUint8(b);
    }
    return out.toByteArray();
  }

  @Test
  void yWebsocketFramesAreTheBareMessages() throws Exception {
    byte[] step1 = YWebsocketCodec.syncStep1(new byte[] {0});
    assertThat(Protocol.Y_WEBSOCKET.wrap("room-1", step1)).isSameAs(step1);
    assertThat(Protocol.Y_WEBSOCKET.handshake("room-1")).isEmpty();
    assertThat(Protocol.Y_WEBSOCKET.isSyncStep2(YWebsocketCodec.syncStep2(new byte[] {0, 0})))
        .isTrue();
    assertThat(Protocol.Y_WEBSOCKET.isSyncStep2(step1)).isFalse();
  }

  @Test
  void hocuspocusPrefixesEveryMessageWithTheDocumentName() throws Exception {
    byte[] step1 = YWebsocketCodec.syncStep1(new byte[] {0});
    byte[] framed = Protocol.HOCUSPOCUS.wrap("doc", step1);
    assertThat(framed).containsExactly(3, 'd', 'o', 'c', 0, 0, 1, 0);
    assertThat(Protocol.HOCUSPOCUS.unwrap(framed)).isInstanceOf(YMessage.SyncStep1.class);
  }

  @Test
  void hocuspocusHandshakeIsAnEmptyAuthToken() {
    // document name, Auth (2), Token (0), var-string ""
    assertThat(Protocol.HOCUSPOCUS.handshake("doc"))
        .singleElement()
        .satisfies(b -> assertThat(b).containsExactly(3, 'd', 'o', 'c', 2, 0, 0));
  }

  @Test
  void hocuspocusSyncReplyIsASyncMessageAndItsAcksAreIgnored() throws Exception {
    // type 4 (sync reply) carrying sync step 1 with state vector [0]
    assertThat(Protocol.HOCUSPOCUS.unwrap(hocuspocusFrame("d", 4, 0, 1, 0)))
        .isInstanceOf(YMessage.SyncStep1.class);
    // type 8 (sync status) with "saved" = 1
    assertThat(Protocol.HOCUSPOCUS.unwrap(hocuspocusFrame("d", 8, 1)))
        .isEqualTo(new YMessage.Ignored(8));
    assertThat(Protocol.HOCUSPOCUS.isSyncStep2(hocuspocusFrame("d", 0, 1, 2, 0, 0))).isTrue();
  }

  @Test
  void hocuspocusAuthRepliesTellGrantedFromDenied() {
    byte[] granted =
        hocuspocusFrame("d", 2, 2, 10, 'r', 'e', 'a', 'd', '-', 'w', 'r', 'i', 't', 'e');
    byte[] denied = hocuspocusFrame("d", 2, 1, 2, 'n', 'o');
    assertThat(Protocol.HOCUSPOCUS.isHandshakeReply(granted)).isTrue();
    assertThat(Protocol.HOCUSPOCUS.isGranted(granted)).isTrue();
    assertThat(Protocol.HOCUSPOCUS.isHandshakeReply(denied)).isTrue();
    assertThat(Protocol.HOCUSPOCUS.isGranted(denied)).isFalse();
    assertThat(Protocol.HOCUSPOCUS.isGranted(new byte[] {5, 1, 2})).isFalse();
  }

  @Test
  void protocolsAreNamedAsInSettings() {
    assertThat(Protocol.fromId("Hocuspocus")).isEqualTo(Protocol.HOCUSPOCUS);
    assertThat(Protocol.fromId("y-websocket")).isEqualTo(Protocol.Y_WEBSOCKET);
  }
}
