package dev.symphony.load.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.Yjs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateStampTest {

  @Test
  void aStampReadsBackFromItsText() {
    UpdateStamp stamp = new UpdateStamp(12, 345, 1_712_345_678_901_234L);
    assertThat(stamp.toText(0)).isEqualTo("[s:12:345:1712345678901234]");
    assertThat(UpdateStamp.findAll(stamp.toText(0).getBytes(StandardCharsets.UTF_8)))
        .containsExactly(stamp);
    assertThat(stamp.toText(5)).isEqualTo("[s:12:345:1712345678901234:xxxxx]");
    assertThat(UpdateStamp.findAll(stamp.toText(5).getBytes(StandardCharsets.UTF_8)))
        .containsExactly(stamp);
  }

  @Test
  void stampsAreFoundInsideRealYjsUpdatesAndMergedUpdates() throws Exception {
    YDoc a = new YDoc(1);
    YDoc b = new YDoc(2);
    List<byte[]> updates = new ArrayList<>();
    a.onUpdate(updates::add);
    b.onUpdate(updates::add);
    a.transact(() -> a.getText("body").insert(0, new UpdateStamp(1, 1, 100).toText(0)));
    a.transact(
        () ->
            a.getText("body")
                .insert(a.getText("body").length(), new UpdateStamp(1, 2, 200).toText(3)));
    b.transact(() -> b.getText("body").insert(0, new UpdateStamp(2, 1, 150).toText(0)));

    assertThat(UpdateStamp.findAll(updates.get(1))).containsExactly(new UpdateStamp(1, 2, 200));
    // two appends by client 1 merge into one string in the merged update: both stamps survive
    assertThat(UpdateStamp.findAll(Yjs.mergeUpdates(updates)))
        .containsExactlyInAnyOrder(
            new UpdateStamp(1, 1, 100), new UpdateStamp(1, 2, 200), new UpdateStamp(2, 1, 150));
  }

  @Test
  void brokenOrForeignTextIsSkipped() {
    byte[] bytes = "x[s:1:2[s::][s:1:0:5][s:4:5:6]tail[s:7:8:".getBytes(StandardCharsets.UTF_8);
    assertThat(UpdateStamp.findAll(bytes)).containsExactly(new UpdateStamp(4, 5, 6));
    assertThat(UpdateStamp.findAll(new byte[0])).isEmpty();
  }
}
