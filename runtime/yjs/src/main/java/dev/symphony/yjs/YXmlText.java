package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text inside XML; its formatting attributes serialise as nested elements. */
public final class YXmlText extends YText {

  public YXmlText() {}

  public YXmlText(String initial) {
    super(initial);
  }

  @Override
  int typeRef() {
    return XML_TEXT_REF;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> op : toDelta()) {
      List<String> nodeNames = new ArrayList<>();
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes =
          (Map<String, Object>) op.getOrDefault("attributes", Map.of());
      nodeNames.addAll(attributes.keySet());
      nodeNames.sort(null);
      for (String nodeName : nodeNames) {
        out.append('<').append(nodeName);
        for (Map.Entry<String, String> attr : enumerable(attributes.get(nodeName))) {
          out.append(' ').append(attr.getKey()).append("=\"").append(attr.getValue()).append('"');
        }
        out.append('>');
      }
      out.append(JsString.of(op.get("insert")));
      for (int i = nodeNames.size() - 1; i >= 0; i--) {
        out.append("</").append(nodeNames.get(i)).append('>');
      }
    }
    return out.toString();
  }

  /** The properties a JavaScript for-in loop visits, sorted by key as Yjs sorts them. */
  private static List<Map.Entry<String, String>> enumerable(Object value) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> entries.add(Map.entry(String.valueOf(k), JsString.of(v))));
    } else if (value instanceof String s) {
      for (int i = 0; i < s.length(); i++) {
        entries.add(Map.entry(String.valueOf(i), String.valueOf(s.charAt(i))));
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        entries.add(Map.entry(String.valueOf(i), JsString.of(list.get(i))));
      }
    }
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }

  @Override
  Object toJsonValue() {
    return toString();
  }
}
