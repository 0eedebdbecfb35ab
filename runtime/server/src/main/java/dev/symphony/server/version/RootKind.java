package dev.symphony.server.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.yjs.AbstractType;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YXmlElement;
import dev.symphony.yjs.YXmlHook;
import dev.symphony.yjs.YXmlText;
import dev.symphony.yjs.YjsDecodingException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kind of a document's top-level type. The Yjs update format does not record it (a client
 * chooses it by calling {@code getText}, {@code getMap}...), so it is read off the content: keys
 * make a map, strings and formatting a text, XML nodes an XML fragment, other list content an
 * array. A top-level type without content has no kind ({@link #EMPTY}).
 */
enum RootKind {
  TEXT,
  MAP,
  ARRAY,
  XML_FRAGMENT,
  EMPTY;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kind of every top-level type in a document given as a whole update. */
  static Map<String, RootKind> of(byte[] update) throws YjsDecodingException {
    YDoc scratch = new YDoc(); // thrown away: asking it for a kind changes it for good
    scratch.applyUpdate(update);
    JsonNode json;
    try {
      json = JSON.readTree(scratch.toJson());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the engine wrote JSON that does not parse", e);
    }
    Map<String, RootKind> kinds = new LinkedHashMap<>();
    for (String name : scratch.rootNames()) {
      JsonNode value = json.get(name);
      RootKind kind;
      if (value == null || value.isNull()) {
        kind = EMPTY;
      } else if (value.isObject()) {
        kind = value.isEmpty() ? EMPTY : MAP;
      } else if (value.isTextual()) {
        kind = scratch.getText(name).length() > 0 ? TEXT : EMPTY;
      } else if (value.isArray() && !value.isEmpty()) {
        kind = holdsXml(scratch, name) ? XML_FRAGMENT : ARRAY;
      } else {
        kind = EMPTY;
      }
      kinds.put(name, kind);
    }
    return kinds;
  }

  private static boolean holdsXml(YDoc scratch, String name) {
    for (Object value : scratch.getArray(name).toList()) {
      if (value instanceof YXmlElement || value instanceof YXmlText || value instanceof YXmlHook) {
        return true;
      }
    }
    return false;
  }

  /**
   * The top-level type {@code name} of {@code doc} as this kind. A type already used as another
   * kind in {@code doc} (e.g. by the document API) stays that kind and is returned as it is.
   */
  AbstractType in(YDoc doc, String name) {
    try {
      return get(this, doc, name);
    } catch (IllegalStateException alreadyTyped) {
      for (RootKind other : values()) {
        if (other != this && other != EMPTY) {
          try {
            return get(other, doc, name);
          } catch (IllegalStateException notThisOne) {
            // try the next kind
          }
        }
      }
      throw alreadyTyped;
    }
  }

  private static AbstractType get(RootKind kind, YDoc doc, String name) {
    return switch (kind) {
      case TEXT -> doc.getText(name);
      case MAP -> doc.getMap(name);
      case ARRAY -> doc.getArray(name);
      case XML_FRAGMENT -> doc.getXmlFragment(name);
      case EMPTY -> throw new IllegalArgumentException("an empty type has no kind");
    };
  }
}
