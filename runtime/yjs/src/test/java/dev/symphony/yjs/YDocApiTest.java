package dev.symphony.yjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YDocApiTest {

  private static void sync(YDoc from, YDoc to) throws YjsDecodingException {
    to.applyUpdate(from.encodeStateAsUpdate(to.encodeStateVector()));
  }

  @Test
  void nestedPrelimTypesCarryTheirContentIntoTheDocument() throws Exception {
    YDoc doc = new YDoc(1);
    YMap profile = new YMap();
    profile.set("name", "Ada");
    YArray tags = new YArray();
    tags.push(List.of("math", "engines"));
    profile.set("tags", tags);
    profile.set("bio", new YText("first programmer"));
    doc.getMap("users").set("ada", profile);
    assertThat(doc.getMap("users").toJson())
        .isEqualTo(
            "{\"ada\":{\"name\":\"Ada\",\"tags\":[\"math\",\"engines\"],\"bio\":\"first programmer\"}}");
    YDoc other = new YDoc(2);
    sync(doc, other);
    assertThat(other.getMap("users").toJson()).isEqualTo(doc.getMap("users").toJson());
    assertThat(profile.doc()).isSameAs(doc);
    assertThatThrownBy(() -> doc.getMap("users").set("again", profile))
        .hasMessageContaining("already part of a document");
  }

  @Test
  void topLevelTypesOfUnknownKindAreKeptServedAndExportable() throws Exception {
    YDoc client = new YDoc(1);
    client.getMap("settings").set("theme", "dark");
    client.getText("body").insert(0, "hi");
    YDoc server = new YDoc(2);
    server.applyUpdate(client.encodeStateAsUpdate());
    assertThat(server.rootNames()).containsExactlyInAnyOrder("settings", "body");
    assertThat(server.toJson()).isEqualTo("{\"settings\":{\"theme\":\"dark\"},\"body\":\"hi\"}");
    YDoc late = new YDoc(3);
    late.applyUpdate(server.encodeStateAsUpdate());
    assertThat(late.getMap("settings").get("theme")).isEqualTo("dark");
    assertThat(server.getText("body").toString()).isEqualTo("hi");
    server.getText("body").insert(2, "!");
    sync(server, client);
    assertThat(client.getText("body").toString()).isEqualTo("hi!");
    assertThatThrownBy(() -> server.getMap("body")).hasMessageContaining("is a YText, not a YMap");
  }

  @Test
  void updateEventsAndObserversFireOncePerTransaction() throws Exception {
    YDoc doc = new YDoc(1);
    List<byte[]> updates = new ArrayList<>();
    AutoCloseable subscription = doc.onUpdate(updates::add);
    List<YEvent> events = new ArrayList<>();
    doc.getMap("m").observe(events::add);
    doc.transact(
        "import",
        () -> {
          doc.getMap("m").set("a", 1);
          doc.getMap("m").set("b", 2);
          doc.getText("t").insert(0, "x");
        });
    assertThat(updates).hasSize(1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).keysChanged()).containsExactlyInAnyOrder("a", "b");
    assertThat(events.get(0).local()).isTrue();
    assertThat(events.get(0).origin()).isEqualTo("import");
    YDoc copy = new YDoc(2);
    copy.applyUpdate(updates.get(0));
    assertThat(copy.getMap("m").toJson()).isEqualTo("{\"a\":1,\"b\":2}");
    subscription.close();
    doc.getMap("m").set("c", 3);
    assertThat(updates).hasSize(1);
    doc.getText("t").insert(0, ""); // no change: no event
    assertThat(events).hasSize(2);
  }

  @Test
  void deletedContentIsCollectedAndTypingMergesIntoFewStructs() throws Exception {
    YDoc doc = new YDoc(1);
    YText text = doc.getText("t");
    for (int i = 0; i < 1000; i++) {
      text.insert(i, "a");
    }
    assertThat(doc.store.clients.get(1L)).hasSize(1);
    text.delete(0, 1000);
    assertThat(text.length()).isZero();
    Item only = (Item) doc.store.clients.get(1L).get(0);
    assertThat(only.content).isInstanceOf(ContentDeleted.class);
    assertThat(doc.encodeStateAsUpdate().length).isLessThan(20);
  }

  @Test
  void richTextKeepsFormattingAndEmbeds() throws Exception {
    YDoc doc = new YDoc(1);
    YText text = doc.getText("t");
    text.insert(0, "Hello world");
    text.format(0, 5, Map.of("bold", true));
    text.insertEmbed(11, Map.of("image", "a.png"), Map.of());
    assertThat(text.toDelta())
        .containsExactly(
            Map.of("insert", "Hello", "attributes", Map.of("bold", true)),
            Map.of("insert", " world"),
            Map.of("insert", Map.of("image", "a.png")));
    YDoc other = new YDoc(2);
    sync(doc, other);
    assertThat(other.getText("t").toDelta()).isEqualTo(text.toDelta());
    assertThat(text.length()).isEqualTo(12);
  }

  @Test
  void xmlSerialisesAsYjsDoes() {
    YDoc doc = new YDoc(1);
    YXmlElement p = new YXmlElement("P");
    p.setAttribute("class", "x");
    p.setAttribute("alt", 1);
    YXmlText t = new YXmlText("hi");
    p.insert(0, List.of(t));
    doc.getXmlFragment("xml").insert(0, List.of(p));
    t.format(0, 1, Map.of("b", Map.of("w", "1")));
    assertThat(doc.getXmlFragment("xml").toString())
        .isEqualTo("<p alt=\"1\" class=\"x\"><b w=\"1\">h</b>i</p>");
  }

  @Test
  void indicesOutsideTheContentAreRefused() {
    YDoc doc = new YDoc(1);
    assertThatThrownBy(() -> doc.getText("t").insert(1, "x"))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> doc.getArray("a").delete(0, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> doc.getMap("m").set("k", new Object()))
        .hasMessageContaining("unsupported value type");
  }
}
