package dev.symphony.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import dev.symphony.yjs.YXmlElement;
import dev.symphony.yjs.YXmlText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Restore on the Java engine: every kind of top-level type, and a replica that follows it. */
class DocumentRestoreTest {

  @Test
  void restoresEveryKindOfTopLevelTypeAndAReplicaConverges() throws Exception {
    YDoc doc = new YDoc(1);
    doc.transact(
        () -> {
          YText text = doc.getText("text");
          text.insert(0, "bold plain", Map.of("bold", true));
          text.format(4, 6, java.util.Collections.singletonMap("bold", null));
          text.insertEmbed(10, Map.of("image", "a.png"), Map.of());
          YMap map = doc.getMap("map");
          map.set("title", "v1");
          YArray inner = new YArray();
          inner.push(List.of(1, 2));
          map.set("inner", inner);
          map.set("bytes", new byte[] {1, 2, 3});
          doc.getArray("array").push(List.of("a", "b", "c"));
          YXmlElement p = new YXmlElement("p");
          p.setAttribute("id", "x");
          p.insert(0, List.of(new YXmlText("hi")));
          doc.getXmlFragment("xml").insert(0, List.of(p));
        });
    byte[] version = doc.encodeStateAsUpdate();
    String versionJson = VersionView.json(version);

    YDoc replica = new YDoc(2);
    replica.applyUpdate(version);
    doc.transact(
        () -> {
          doc.getText("text").delete(0, 3);
          doc.getText("text").format(0, 2, Map.of("italic", true));
          doc.getMap("map").set("title", "v2");
          ((YArray) doc.getMap("map").get("inner")).push(List.of(3));
          doc.getMap("map").delete("bytes");
          doc.getMap("map").set("new", true);
          doc.getArray("array").insert(1, List.of("inserted"));
          doc.getArray("array").delete(3, 1);
          ((YXmlElement) doc.getXmlFragment("xml").get(0)).setAttribute("id", "y");
          doc.getXmlFragment("xml").insert(1, List.of(new YXmlElement("hr")));
          doc.getMap("later").set("k", "v");
        });
    replica.applyUpdate(doc.encodeStateAsUpdate(replica.encodeStateVector()));
    assertThat(DocumentRestore.equal(doc, version)).isFalse();

    byte[] before = doc.encodeStateVector();
    DocumentRestore.Outcome[] outcome = new DocumentRestore.Outcome[1];
    doc.transact(() -> outcome[0] = apply(doc, version));

    assertThat(outcome[0].problems()).isEmpty();
    assertThat(outcome[0].changed())
        .containsExactlyInAnyOrder("text", "map", "array", "xml", "later");
    assertThat(DocumentRestore.equal(doc, version)).isTrue();
    // The JSON view too, with the emptied top-level map that Yjs cannot remove.
    String emptiedLater = versionJson.substring(0, versionJson.length() - 1) + ",\"later\":{}}";
    assertThat(VersionView.json(doc.encodeStateAsUpdate())).isEqualTo(emptiedLater);
    // The restore is an ordinary update: a replica that applies it ends equal to the version too.
    replica.applyUpdate(doc.encodeStateAsUpdate(replica.encodeStateVector()));
    assertThat(DocumentRestore.equal(replica, version)).isTrue();
    assertThat(replica.getText("text").toDelta()).isEqualTo(doc.getText("text").toDelta());
    assertThat(doc.encodeStateVector()).isNotEqualTo(before); // new history, not a rewrite
  }

  @Test
  void anEqualDocumentIsLeftUntouched() throws Exception {
    YDoc doc = new YDoc(1);
    doc.getText("text").insert(0, "same", Map.of("bold", true));
    doc.getArray("array").push(List.of(1));
    byte[] version = doc.encodeStateAsUpdate();
    byte[] stateVector = doc.encodeStateVector();
    DocumentRestore.Outcome[] outcome = new DocumentRestore.Outcome[1];
    doc.transact(() -> outcome[0] = apply(doc, version));
    assertThat(outcome[0].changed()).isEmpty();
    assertThat(doc.encodeStateVector()).isEqualTo(stateVector);
  }

  @Test
  void aTopLevelTypeUsedAsAnotherKindIsReportedAndLeftAlone() throws Exception {
    YDoc old = new YDoc(1);
    old.getText("shared").insert(0, "text");
    byte[] version = old.encodeStateAsUpdate();
    YDoc live = new YDoc(2);
    live.getMap("shared").set("k", "map now");
    DocumentRestore.Outcome[] outcome = new DocumentRestore.Outcome[1];
    live.transact(() -> outcome[0] = apply(live, version));
    assertThat(outcome[0].problems()).singleElement().asString().contains("'shared' is a YMap");
    assertThat(live.getMap("shared").get("k")).isEqualTo("map now");
  }

  private static DocumentRestore.Outcome apply(YDoc doc, byte[] version) {
    try {
      return DocumentRestore.apply(doc, version);
    } catch (dev.symphony.yjs.YjsDecodingException e) {
      throw new AssertionError(e);
    }
  }
}
