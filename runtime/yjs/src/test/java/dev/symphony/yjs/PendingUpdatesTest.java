package dev.symphony.yjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingUpdatesTest {

  private static List<byte[]> recordUpdates(YDoc doc) {
    List<byte[]> updates = new ArrayList<>();
    doc.onUpdate(updates::add);
    return updates;
  }

  @Test
  void outOfOrderUpdatesWaitAndIntegrateWhenTheirDependenciesArrive() throws Exception {
    YDoc a = new YDoc(1);
    List<byte[]> fromA = recordUpdates(a);
    a.getText("t").insert(0, "hello");
    a.getText("t").insert(5, " world");
    YDoc late = new YDoc(9);
    late.applyUpdate(fromA.get(1));
    assertThat(late.getText("t").toString()).isEmpty();
    late.applyUpdate(fromA.get(0));
    assertThat(late.getText("t").toString()).isEqualTo("hello world");
    late.applyUpdate(fromA.get(0)); // duplicates change nothing
    assertThat(late.getText("t").toString()).isEqualTo("hello world");
  }

  /**
   * Client 2's insert waits for client 5's, which waits for client 2's first insert. The first
   * delivery also holds a later struct of client 2, so the gap before it must not be the only
   * dependency remembered: Yjs 13.6 records only that gap and never retries.
   */
  @Test
  void aWaitingStructIsRetriedWhenItsOwnDependencyArrives() throws Exception {
    YDoc a = new YDoc(2);
    YDoc b = new YDoc(5);
    List<byte[]> fromA = recordUpdates(a);
    List<byte[]> fromB = recordUpdates(b);
    a.getArray("list").push(List.of("a0")); // 2:0
    b.applyUpdate(fromA.get(0));
    b.getArray("list").insert(1, List.of("b0")); // 5:0 after 2:0
    byte[] b0 = fromB.get(1); // update events also report applied remote updates
    a.applyUpdate(b0);
    a.getArray("list").insert(2, List.of("a1")); // 2:1 after 5:0
    a.getArray("list").insert(3, List.of("a2")); // 2:2
    assertThat(fromA).hasSize(4);

    YDoc target = new YDoc(9);
    target.applyUpdate(Yjs.mergeUpdates(List.of(b0, fromA.get(3))));
    target.applyUpdate(Yjs.mergeUpdates(List.of(fromA.get(0), fromA.get(2))));

    assertThat(target.getArray("list").toJson()).isEqualTo("[\"a0\",\"b0\",\"a1\",\"a2\"]");
    assertThat(target.store.pendingStructs).isNull();
  }
}
