package dev.symphony.yjs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Well-formed updates whose items point anywhere: origins in other parents or in map entries,
 * parents that are not types, map keys on list items. A Yjs client can send these; they are refused
 * with the document unchanged, or applied leaving every type's links and length consistent and the
 * document editable. (Origins in the wrong order can still make replicas disagree on where the
 * hostile content sits, exactly as in Yjs; that harms only the room of the peer who sends it.)
 */
class HostileReferencesTest {
  private static final long ATTACKER = 77;

  private static YDoc victim() {
    YDoc doc = new YDoc(1);
    doc.getText("text").insert(0, "hello world");
    doc.getText("text").format(0, 5, Map.of("bold", true));
    doc.getMap("map").set("k", "v");
    YMap inner = new YMap();
    inner.set("x", 1);
    doc.getMap("map").set("inner", inner);
    doc.getArray("array").push(List.of(1, 2, 3));
    doc.getText("text").delete(3, 2);
    return doc;
  }

  private static ID randomExisting(Random r, YDoc doc, List<ID> own) {
    if (!own.isEmpty() && r.nextInt(3) == 0) {
      return own.get(r.nextInt(own.size()));
    }
    int state = doc.store.getState(1);
    return new ID(1, r.nextInt(state));
  }

  private static Content randomContent(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> new ContentString("ab".repeat(1 + r.nextInt(3)));
      case 1 -> new ContentAny(new ArrayList<>(List.of(1, "two")));
      case 2 -> new ContentDeleted(1 + r.nextInt(3));
      case 3 -> ContentFormat.of("italic", r.nextBoolean() ? true : null);
      case 4 -> new ContentType(r.nextBoolean() ? new YMap() : new YText());
      case 5 -> ContentEmbed.of(Map.of("img", "x"));
      default -> new ContentBinary(new byte[] {9});
    };
  }

  private static byte[] hostileUpdate(Random r, YDoc doc) {
    List<Item> items = new ArrayList<>();
    List<ID> own = new ArrayList<>();
    int clock = 0;
    for (int i = 0; i < 1 + r.nextInt(6); i++) {
      ID origin = r.nextInt(3) == 0 ? null : randomExisting(r, doc, own);
      ID rightOrigin = r.nextInt(3) == 0 ? null : randomExisting(r, doc, own);
      Object parent = null;
      String parentSub = r.nextInt(4) == 0 ? "key" + r.nextInt(2) : null;
      if (origin == null && rightOrigin == null) {
        parent =
            r.nextBoolean()
                ? List.of("text", "map", "array", "fresh").get(r.nextInt(4))
                : randomExisting(r, doc, own);
      }
      Item item =
          new Item(
              ATTACKER,
              clock,
              null,
              origin,
              null,
              rightOrigin,
              parent,
              parentSub,
              randomContent(r));
      items.add(item);
      for (int c = 0; c < item.length; c++) {
        own.add(new ID(ATTACKER, clock + c));
      }
      clock += item.length;
    }
    Lib0Writer out = new Lib0Writer();
    out.writeVarUint(1);
    out.writeVarUint(items.size());
    out.writeVarUint(ATTACKER);
    out.writeVarUint(0);
    for (Item item : items) {
      item.write(out, 0);
    }
    DeleteSet ds = new DeleteSet();
    if (r.nextBoolean()) {
      ds.add(1, r.nextInt(doc.store.getState(1)), 1 + r.nextInt(4));
    }
    if (r.nextBoolean()) {
      ds.add(ATTACKER, r.nextInt(clock), 1 + r.nextInt(3));
    }
    ds.write(out);
    return out.toByteArray();
  }

  /** Links are symmetric, every item names this type as parent, and the length adds up. */
  private static void assertConsistent(AbstractType type, int round) {
    int visible = 0;
    Item previous = null;
    for (Item n = type.start; n != null; n = n.right) {
      assertThat(n.left).as("round %d: left link", round).isSameAs(previous);
      assertThat(n.parent).as("round %d: parent", round).isSameAs(type);
      if (!n.isDeleted() && n.isCountable()) {
        visible += n.length;
      }
      if (!n.isDeleted() && n.content instanceof ContentType nested) {
        assertConsistent(nested.type(), round);
      }
      previous = n;
    }
    assertThat(type.length).as("round %d: length of %s", round, type.rootName).isEqualTo(visible);
  }

  @Test
  void hostileReferencesLeaveAConsistentDocument() throws Exception {
    Random r = new Random(42);
    int applied = 0;
    for (int round = 0; round < 3000; round++) {
      YDoc doc = victim();
      byte[] update = hostileUpdate(r, doc);
      byte[] before = doc.encodeStateAsUpdate();
      try {
        doc.applyUpdate(update);
        applied++;
      } catch (YjsDecodingException refused) {
        assertThat(doc.encodeStateAsUpdate()).isEqualTo(before);
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("round " + round + " broke the engine", e);
      }
      for (String name : doc.rootNames()) {
        assertConsistent(doc.rootType(name), round);
      }
      // Its encoding is valid: a fresh replica loads it.
      new YDoc(2).applyUpdate(doc.encodeStateAsUpdate());
      doc.getText("text").insert(0, "still editable ");
      doc.getArray("array").push(List.of("ok"));
    }
    assertThat(applied).isGreaterThan(100);
  }
}
