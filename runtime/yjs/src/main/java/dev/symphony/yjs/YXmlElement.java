package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An XML element: a node name, attributes (a map) and children (a list). */
public final class YXmlElement extends YXmlFragment {
  private final String nodeName;
  private Map<String, Object> prelimAttributes = new LinkedHashMap<>();

  public YXmlElement(String nodeName) {
    this.nodeName = nodeName;
  }

  public String nodeName() {
    return nodeName;
  }

  @Override
  int typeRef() {
    return XML_ELEMENT_REF;
  }

  @Override
  void writeTypeRef(Lib0Writer out) {
    out.writeVarUint(XML_ELEMENT_REF);
    out.writeVarString(nodeName);
  }

  @Override
  void integrate(YDoc doc, Item item) {
    super.integrate(doc, item);
    Map<String, Object> attributes = prelimAttributes;
    prelimAttributes = null;
    if (!attributes.isEmpty()) {
      Transaction t = doc.currentTransaction();
      attributes.forEach((key, value) -> mapSet(t, key, value));
    }
  }

  public void setAttribute(String name, Object value) {
    if (prelimAttributes != null) {
      prelimAttributes.put(name, value);
      return;
    }
    transact(t -> mapSet(t, name, value));
  }

  public Object getAttribute(String name) {
    return prelimAttributes != null ? prelimAttributes.get(name) : mapGet(name);
  }

  public void removeAttribute(String name) {
    if (prelimAttributes != null) {
      prelimAttributes.remove(name);
      return;
    }
    transact(t -> mapDelete(t, name));
  }

  public Map<String, Object> getAttributes() {
    return prelimAttributes != null ? new LinkedHashMap<>(prelimAttributes) : mapEntries();
  }

  @Override
  public String toString() {
    Map<String, Object> attributes = getAttributes();
    List<String> keys = new ArrayList<>(attributes.keySet());
    keys.sort(null);
    StringBuilder out = new StringBuilder("<");
    String name = nodeName.toLowerCase(Locale.ROOT);
    out.append(name);
    for (String key : keys) {
      out.append(' ')
          .append(key)
          .append("=\"")
          .append(JsString.of(attributes.get(key)))
          .append('"');
    }
    out.append('>').append(super.toString()).append("</").append(name).append('>');
    return out.toString();
  }
}
