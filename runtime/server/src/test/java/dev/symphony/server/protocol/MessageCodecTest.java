package dev.symphony.server.protocol;

import static dev.symphony.server.protocol.Hex.bytes;
import static dev.symphony.server.protocol.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  @Test
  void syncMessagesRoundTrip() throws Exception {
    byte[] payload = {1, 2, 3};
    assertThat(hex(MessageEncoder.syncStep1(payload))).isEqualTo("000003010203");
    assertThat(hex(MessageEncoder.syncStep2(payload))).isEqualTo("000103010203");
    assertThat(hex(MessageEncoder.update(payload))).isEqualTo("000203010203");

    assertThat(MessageDecoder.decode(bytes("000003010203")))
        .isInstanceOfSatisfying(
            YMessage.SyncStep1.class, m -> assertThat(m.stateVector()).containsExactly(1, 2, 3));
    assertThat(MessageDecoder.decode(bytes("000103010203")))
        .isInstanceOfSatisfying(
            YMessage.SyncStep2.class, m -> assertThat(m.update()).containsExactly(1, 2, 3));
    assertThat(MessageDecoder.decode(bytes("000203010203")))
        .isInstanceOfSatisfying(
            YMessage.SyncUpdate.class, m -> assertThat(m.update()).containsExactly(1, 2, 3));
  }

  @Test
  void largeUpdateKeepsEveryByte() throws Exception {
    byte[] update = new byte[3 * 1024 * 1024];
    for (int i = 0; i < update.length; i++) {
      update[i] = (byte) (i * 31);
    }
    byte[] frame = MessageEncoder.update(update);
    assertThat(frame).hasSize(2 + 4 + update.length);
    assertThat(((YMessage.SyncUpdate) MessageDecoder.decode(frame)).update()).isEqualTo(update);
  }

  @Test
  void authMessageMatchesYProtocols() throws Exception {
    // encoding.writeVarUint(e, 2); auth.writePermissionDenied(e, 'no way') in Node
    assertThat(hex(MessageEncoder.encode(new YMessage.Auth(0, "no way"))))
        .isEqualTo("0200066e6f20776179");
    assertThat(MessageDecoder.decode(bytes("0200066e6f20776179")))
        .isEqualTo(new YMessage.Auth(0, "no way"));
  }

  @Test
  void queryAwarenessIsJustItsType() throws Exception {
    assertThat(MessageEncoder.encode(new YMessage.QueryAwareness())).containsExactly(3);
    assertThat(MessageDecoder.decode(new byte[] {3})).isEqualTo(new YMessage.QueryAwareness());
  }

  @Test
  void awarenessMessageWrapsTheUpdateAsReceived() throws Exception {
    byte[] update = bytes("010702046e756c6c");
    byte[] frame = MessageEncoder.awareness(update);
    assertThat(hex(frame)).isEqualTo("0108010702046e756c6c");
    assertThat(((YMessage.Awareness) MessageDecoder.decode(frame)).update()).isEqualTo(update);
  }

  @Test
  void awarenessUpdateMatchesYProtocols() throws Exception {
    // awareness.setLocalState({user:{name:'Ann',color:'#ff0'}}) for clientID 7, clock 1
    String fromNode =
        "010701267b2275736572223a7b226e616d65223a22416e6e222c22636f6c6f72223a2223666630227d7d";
    List<AwarenessEntry> entries = AwarenessUpdate.decode(bytes(fromNode));
    assertThat(entries)
        .containsExactly(
            AwarenessEntry.of(7, 1, "{\"user\":{\"name\":\"Ann\",\"color\":\"#ff0\"}}"));
    assertThat(entries.getFirst().isRemoval()).isFalse();
    assertThat(hex(AwarenessUpdate.encode(entries))).isEqualTo(fromNode);

    // setLocalState(null) afterwards: clock 2, state "null"
    List<AwarenessEntry> removal = AwarenessUpdate.decode(bytes("010702046e756c6c"));
    assertThat(removal).containsExactly(AwarenessEntry.removal(7, 2));
    assertThat(removal.getFirst().isRemoval()).isTrue();
  }

  @Test
  void emptyAndUnknownMessagesAreRefusedWithTheirCloseCode() {
    assertThatThrownBy(() -> MessageDecoder.decode(new byte[0]))
        .hasMessageContaining("empty")
        .extracting(e -> ((MalformedMessageException) e).closeCode())
        .isEqualTo(1007);
    assertThatThrownBy(() -> MessageDecoder.decode(new byte[] {9}))
        .hasMessageContaining("unknown message type 9")
        .extracting(e -> ((MalformedMessageException) e).closeCode())
        .isEqualTo(1003);
    assertThatThrownBy(() -> MessageDecoder.decode(bytes("0005")))
        .hasMessageContaining("unknown sync step 5");
    assertThatThrownBy(() -> MessageDecoder.decode(bytes("0207")))
        .hasMessageContaining("unknown auth message kind 7");
  }

  @Test
  void truncatedAndTrailingBytesAreRefused() {
    assertThatThrownBy(() -> MessageDecoder.decode(bytes("80")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unexpected end of data while reading a var-uint");
    assertThatThrownBy(() -> MessageDecoder.decode(bytes("0002")))
        .hasMessageContaining("unexpected end of data");
    assertThatThrownBy(() -> MessageDecoder.decode(bytes("000205010203")))
        .hasMessageContaining("byte array of 5 bytes");
    assertThatThrownBy(() -> MessageDecoder.decode(bytes("00020101ff")))
        .hasMessageContaining("1 bytes after the message");
  }

  @Test
  void malformedAwarenessUpdatesAreRefused() {
    assertThatThrownBy(() -> AwarenessUpdate.decode(bytes("0207")))
        .isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> AwarenessUpdate.decode(bytes("ffffffff07")))
        .hasMessageContaining("entries");
    assertThatThrownBy(() -> AwarenessUpdate.decode(bytes("010702046e756c6c00")))
        .hasMessageContaining("unexpected bytes");
  }
}
