package dev.symphony.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import java.util.ArrayList;
import java.util.List;

/**
 * One operation of a JSON edit ({@code POST /api/rooms/{id}/edits}), already checked for its shape
 * by {@link EditParser}. {@link #apply} throws {@link ApiException} (400) when the document does
 * not fit it: a wrong path, a wrong kind of type, an index out of range.
 */
sealed interface Edit {

  /** The operation's name as written in the request, e.g. {@code map.set}. */
  String op();

  Target target();

  void apply(YDoc doc);

  /** {@code map.set}: sets {@code key} to {@code value} (plain JSON or a shared-type marker). */
  record MapSet(Target target, String key, JsonNode value) implements Edit {
    public String op() {
      return "map.set";
    }

    public void apply(YDoc doc) {
      target.resolve(doc, Target.Kind.MAP, YMap.class).set(key, JsonValues.toYjs(value));
    }
  }

  /** {@code map.delete}: removes {@code key}; a key that is not there is left alone. */
  record MapDelete(Target target, String key) implements Edit {
    public String op() {
      return "map.delete";
    }

    public void apply(YDoc doc) {
      target.resolve(doc, Target.Kind.MAP, YMap.class).delete(key);
    }
  }

  /** {@code array.insert}: inserts {@code values} before {@code index} (0..length). */
  record ArrayInsert(Target target, int index, JsonNode values) implements Edit {
    public String op() {
      return "array.insert";
    }

    public void apply(YDoc doc) {
      YArray array = target.resolve(doc, Target.Kind.ARRAY, YArray.class);
      if (index > array.length()) {
        throw ApiException.badRequest(
            "index " + index + " is beyond the array's length " + array.length());
      }
      List<Object> converted = new ArrayList<>(values.size());
      values.forEach(value -> converted.add(JsonValues.toYjs(value)));
      array.insert(index, converted);
    }
  }

  /** {@code array.delete}: removes {@code length} elements from {@code index}. */
  record ArrayDelete(Target target, int index, int length) implements Edit {
    public String op() {
      return "array.delete";
    }

    public void apply(YDoc doc) {
      YArray array = target.resolve(doc, Target.Kind.ARRAY, YArray.class);
      requireRange(index, length, array.length(), "array");
      array.delete(index, length);
    }
  }

  /** {@code text.insert}: inserts {@code text} at {@code index}, with {@code attributes} if any. */
  record TextInsert(Target target, int index, String text, JsonNode attributes) implements Edit {
    public String op() {
      return "text.insert";
    }

    public void apply(YDoc doc) {
      YText ytext = target.resolve(doc, Target.Kind.TEXT, YText.class);
      if (index > ytext.length()) {
        throw ApiException.badRequest(
            "index " + index + " is beyond the text's length " + ytext.length());
      }
      var attrs = JsonValues.attributes(attributes, "attributes");
      if (attrs == null) {
        ytext.insert(index, text);
      } else {
        ytext.insert(index, text, attrs);
      }
    }
  }

  /** {@code text.delete}: removes {@code length} characters (UTF-16 units) from {@code index}. */
  record TextDelete(Target target, int index, int length) implements Edit {
    public String op() {
      return "text.delete";
    }

    public void apply(YDoc doc) {
      YText ytext = target.resolve(doc, Target.Kind.TEXT, YText.class);
      requireRange(index, length, ytext.length(), "text");
      ytext.delete(index, length);
    }
  }

  /** {@code text.format}: sets {@code attributes} on a range (a null value removes one). */
  record TextFormat(Target target, int index, int length, JsonNode attributes) implements Edit {
    public String op() {
      return "text.format";
    }

    public void apply(YDoc doc) {
      YText ytext = target.resolve(doc, Target.Kind.TEXT, YText.class);
      requireRange(index, length, ytext.length(), "text");
      ytext.format(index, length, JsonValues.attributes(attributes, "attributes"));
    }
  }

  private static void requireRange(int index, int length, int size, String what) {
    if ((long) index + length > size) {
      throw ApiException.badRequest(
          "range "
              + index
              + ".."
              + ((long) index + length)
              + " is beyond the "
              + what
              + "'s length "
              + size);
    }
  }
}
