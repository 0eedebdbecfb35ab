package dev.symphony.load.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.load.protocol.YMessage.AwarenessEntry;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class YWebsocketCodecTest {

  @Test
  void syncStep1OfAnEmptyDocumentIsTheBytesYProtocolsWrites() {
    // y-protocols: writeVarUint(messageSync=0), writeVarUint(step1=0), writeVarUint8Array([0])
    byte[] message = YWebsocketCodec.syncStep1(new YDoc(7).encodeStateVector());
    assertThat(message).containsExactly(0, 0, 1, 0);
  }

  @Test
  void syncMessagesCarryTheirStepAndALengthPrefixedPayload() throws Exception {
    byte[] update = new byte[200];
    update[0] = 42;
    byte[] message = YWebsocketCodec.syncUpdate(update);
    // 200 needs two var-uint bytes: 0xC8 0x01
    assertThat(message).startsWith(0, 2, 0xC8, 0x01, 42);
    assertThat(message).hasSize(4 + 200);
    assertThat(YWebsocketCodec.decode(message))
        .isInstanceOfSatisfying(
            YMessage.SyncUpdate.class, m -> assertThat(m.update()).isEqualTo(update));
    assertThat(YWebsocketCodec.decode(YWebsocketCodec.syncStep2(new byte[] {0, 0})))
        .isInstanceOf(YMessage.SyncStep2.class);
  }

  @Test
  void awarenessIsCountThenClientClockAndJsonPerEntry() throws Exception {
    byte[] message = YWebsocketCodec.awareness(List.of(new AwarenessEntry(300, 2, "{\"a\":1}")));
    // type 1, then the update as a var-uint8-array: count 1, client 300 (0xAC 0x02), clock 2,
    // var-string of 7 bytes
    assertThat(message)
        .containsExactly(1, 12, 1, 0xAC, 0x02, 2, 7, '{', '"', 'a', '"', ':', '1', '}');
    YMessage decoded = YWebsocketCodec.decode(message);
    assertThat(decoded)
        .isEqualTo(new YMessage.Awareness(List.of(new AwarenessEntry(300, 2, "{\"a\":1}"))));
  }

  @Test
  void authQueryAwarenessAndUnknownTypesDecodeWithoutFailing() throws Exception {
    assertThat(YWebsocketCodec.decode(new byte[] {2, 0, 6, 'd', 'e', 'n', 'i', 'e', 'd'}))
        .isEqualTo(new YMessage.Auth(false, "denied"));
    assertThat(YWebsocketCodec.decode(new byte[] {3})).isInstanceOf(YMessage.QueryAwareness.class);
    assertThat(YWebsocketCodec.decode(new byte[] {9, 1})).isEqualTo(new YMessage.Ignored(9));
  }

  @Test
  void malformedSyncMessagesAreRefused() {
    assertThatThrownBy(() -> YWebsocketCodec.decode(new byte[] {0, 7, 0}))
        .isInstanceOf(YjsDecodingException.class);
    assertThatThrownBy(() -> YWebsocketCodec.decode(new byte[] {0, 2, 9, 1}))
        .isInstanceOf(YjsDecodingException.class);
  }
}
