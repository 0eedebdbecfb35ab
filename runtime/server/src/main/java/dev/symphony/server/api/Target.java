package dev.symphony.server.api;

import dev.symphony.yjs.AbstractType;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import java.util.List;

/**
 * Where an edit applies: a top-level type by name, then a path of map keys (strings) and array
 * indexes (numbers) through nested shared types. The top-level type's kind follows from the path (a
 * key: a map, an index: an array) or, for an empty path, from the edit itself.
 *
 * @param type the top-level type's name
 * @param path keys ({@link String}) and indexes ({@link Integer}) from it to the edited type
 */
record Target(String type, List<Object> path) {

  /** The kinds of shared type an edit works on. */
  enum Kind {
    MAP(YMap.class, "a Y.Map"),
    ARRAY(YArray.class, "a Y.Array"),
    TEXT(YText.class, "a Y.Text");

    final Class<? extends AbstractType> javaType;
    final String description;

    Kind(Class<? extends AbstractType> javaType, String description) {
      this.javaType = javaType;
      this.description = description;
    }
  }

  /** The kind the top-level type must have for an edit of {@code edited} at this path. */
  Kind rootKind(Kind edited) {
    if (path.isEmpty()) {
      return edited;
    }
    return path.get(0) instanceof String ? Kind.MAP : Kind.ARRAY;
  }

  /**
   * The top-level type, asked for by its kind: a type the document has under that name but of
   * another kind fails, so no edit re-types a document.
   */
  AbstractType root(YDoc doc, Kind edited) {
    try {
      return switch (rootKind(edited)) {
        case MAP -> doc.getMap(type);
        case ARRAY -> doc.getArray(type);
        case TEXT -> doc.getText(type);
      };
    } catch (IllegalStateException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** The shared type at the end of the path, which must be of kind {@code edited}. */
  <T extends AbstractType> T resolve(YDoc doc, Kind edited, Class<T> javaType) {
    AbstractType current = root(doc, edited);
    StringBuilder walked = new StringBuilder("'").append(type).append("'");
    for (Object step : path) {
      Object next;
      if (current instanceof YMap map && step instanceof String key) {
        if (!map.has(key)) {
          throw ApiException.badRequest("path: " + walked + " has no key '" + key + "'");
        }
        next = map.get(key);
      } else if (current instanceof YArray array && step instanceof Integer index) {
        if (index >= array.length()) {
          throw ApiException.badRequest(
              "path: "
                  + walked
                  + " has "
                  + array.length()
                  + " element(s), there is no index "
                  + index);
        }
        next = array.get(index);
      } else {
        throw ApiException.badRequest(
            "path: "
                + walked
                + " is "
                + describe(current)
                + "; it cannot be entered with "
                + (step instanceof String ? "the key '" + step + "'" : "the index " + step));
      }
      walked.append(step instanceof String ? "." + step : "[" + step + "]");
      if (!(next instanceof AbstractType nested)) {
        throw ApiException.badRequest(
            "path: "
                + walked
                + " is a plain value, not a shared type (only Y.Map, Y.Array and Y.Text values"
                + " can be edited in place)");
      }
      current = nested;
    }
    if (!javaType.isInstance(current)) {
      throw ApiException.badRequest(
          "path: " + walked + " is " + describe(current) + ", not " + edited.description);
    }
    return javaType.cast(current);
  }

  private static String describe(AbstractType type) {
    for (Kind kind : Kind.values()) {
      if (kind.javaType.isInstance(type)) {
        return kind.description;
      }
    }
    return "a " + type.getClass().getSimpleName();
  }
}
