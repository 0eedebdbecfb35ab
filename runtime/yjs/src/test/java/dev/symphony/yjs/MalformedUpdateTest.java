package dev.symphony.yjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed input never corrupts a document: an update either applies, or fails with {@link
 * YjsDecodingException} and leaves the document exactly as it was; nothing hangs.
 */
class MalformedUpdateTest {
  private static final List<byte[]> updates = new ArrayList<>();
  private static final int BASE = 6; // the target document has applied updates[0..BASE)

  @BeforeAll
  static void recordAnEditingSession() {
    YDoc a = new YDoc(11);
    YDoc b = new YDoc(22);
    a.onUpdate(updates::add);
    a.onUpdate(u -> applyQuietly(b, u));
    b.onUpdate(u -> applyQuietly(a, u));
    YText text = a.getText("text");
    text.insert(0, "Hello world, ");
    text.format(0, 5, Map.of("bold", true));
    b.getText("text").insert(6, "brave 🌍 ");
    YMap map = a.getMap("map");
    map.set("n", 42);
    map.set("f", 1.5);
    map.set("s", "str");
    map.set("bytes", new byte[] {1, 2, 3});
    YArray nested = new YArray();
    nested.push(List.of(1, "two", Map.of("three", 3)));
    map.set("nested", nested);
    a.getArray("array").push(List.of("x", "y", "z"));
    b.getArray("array").delete(1, 1);
    YXmlElement p = new YXmlElement("p");
    p.setAttribute("class", "lead");
    p.insert(0, List.of(new YXmlText("para")));
    a.getXmlFragment("xml").insert(0, List.of(p));
    text.delete(2, 4);
    map.delete("s");
    b.getText("text").insertEmbed(1, Map.of("image", "cat.png"), Map.of());
    text.insert(3, "more");
  }

  private static void applyQuietly(YDoc doc, byte[] update) {
    try {
      doc.applyUpdate(update);
    } catch (YjsDecodingException e) {
      throw new AssertionError(e);
    }
  }

  private static YDoc target() throws YjsDecodingException {
    YDoc doc = new YDoc(33);
    for (int i = 0; i < BASE; i++) {
      doc.applyUpdate(updates.get(i));
    }
    return doc;
  }

  /** Applies {@code bad}; returns true when it was refused (and then checks nothing changed). */
  private static boolean applyChecked(byte[] bad) throws YjsDecodingException {
    YDoc doc = target();
    byte[] before = doc.encodeStateAsUpdate();
    String jsonBefore = doc.toJson();
    Throwable thrown = null;
    try {
      Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> doc.applyUpdate(bad));
    } catch (Throwable t) {
      thrown = t;
    }
    if (thrown == null) {
      return false;
    }
    if (!(thrown instanceof YjsDecodingException e)) {
      fail(
          "update "
              + Arrays.toString(bad)
              + " failed with something other than YjsDecodingException",
          thrown);
      return false;
    }
    assertThat(e.getMessage()).isNotBlank();
    assertThat(doc.encodeStateAsUpdate())
        .as("document unchanged after: " + e.getMessage())
        .isEqualTo(before);
    assertThat(doc.toJson()).isEqualTo(jsonBefore);
    return true;
  }

  @Test
  void everyTruncationIsRefusedOrHarmless() throws Exception {
    int refused = 0;
    for (byte[] update : updates.subList(BASE, updates.size())) {
      for (int cut = 0; cut < update.length; cut++) {
        if (applyChecked(Arrays.copyOf(update, cut))) {
          refused++;
        }
      }
    }
    assertThat(refused).as("truncated updates that were refused").isPositive();
  }

  @Test
  void randomByteMutationsAreRefusedOrHarmless() throws Exception {
    Random random = new Random(20261123);
    int refused = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] update = updates.get(BASE + random.nextInt(updates.size() - BASE)).clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        update[random.nextInt(update.length)] = (byte) random.nextInt(256);
      }
      if (applyChecked(update)) {
        refused++;
      }
    }
    assertThat(refused).isPositive();
  }

  @Test
  void randomBytesAreRefusedOrHarmless() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 2000; round++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      applyChecked(garbage);
    }
  }

  @Test
  void absurdLengthsFailFastWithoutAllocating() {
    // one client, 2^50 structs
    byte[] hugeCount = {
      1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10
    };
    assertThatThrownBy(() -> new YDoc().applyUpdate(hugeCount))
        .isInstanceOf(YjsDecodingException.class)
        .hasMessageContaining("exceeds");
    // one struct: a string item whose string claims 2^40 bytes
    byte[] hugeString = {
      1,
      1,
      5,
      0,
      4,
      1,
      1,
      't',
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      0x20
    };
    assertThatThrownBy(() -> new YDoc().applyUpdate(hugeString))
        .isInstanceOf(YjsDecodingException.class)
        .hasMessageContaining("string");
    // a deleted range past the largest clock
    byte[] hugeDelete = {
      0, 1, 5, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x7F
    };
    assertThatThrownBy(() -> new YDoc().applyUpdate(hugeDelete))
        .isInstanceOf(YjsDecodingException.class);
  }

  @Test
  void invalidReferencesAreRefused() {
    // an item of client 5 at clock 0 whose origin is its own clock 3
    byte[] selfReference = {1, 1, 5, 0, (byte) (0x80 | 4), 5, 3, 1, 'x', 0};
    assertThatThrownBy(() -> new YDoc().applyUpdate(selfReference))
        .isInstanceOf(YjsDecodingException.class)
        .hasMessageContaining("origin at or after itself");
    byte[] unknownContent = {1, 1, 5, 0, 0x0F, 1, 1, 't', 0};
    assertThatThrownBy(() -> new YDoc().applyUpdate(unknownContent))
        .hasMessageContaining("unknown content kind 15");
    byte[] badJson = {1, 1, 5, 0, 5, 1, 1, 't', 2, '{', 'x', 0};
    assertThatThrownBy(() -> new YDoc().applyUpdate(badJson)).hasMessageContaining("invalid JSON");
  }

  /**
   * A client listed with no structs, named by another client's item as its neighbours: the entry
   * carries nothing, and the item waits for the neighbours like any other.
   */
  @Test
  void aClientListedWithNoStructsCarriesNothing() throws Exception {
    byte[] update = {
      2, // two clients
      0,
      5,
      0, // client 5: no structs, from clock 0
      1,
      7,
      0, // client 7: one struct, from clock 0
      (byte) (Item.BIT_ORIGIN | Item.BIT_RIGHT_ORIGIN | 8),
      5,
      0,
      5,
      1, // between 5:0 and 5:1
      1,
      119,
      1,
      'x', // content: one string, "x"
      0 // no deletions
    };
    YDoc doc = new YDoc(1);
    doc.getText("text").insert(0, "kept");
    doc.applyUpdate(update);
    assertThat(doc.getText("text").toString()).isEqualTo("kept");
    assertThat(doc.store.pendingStructs).isNotNull();
    assertThat(doc.store.pendingMissing).containsKey(5L);
  }
}
