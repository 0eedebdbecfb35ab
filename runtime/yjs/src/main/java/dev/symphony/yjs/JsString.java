package dev.symphony.yjs;

import dev.symphony.yjs.codec.Json;
import dev.symphony.yjs.codec.Undefined;
import java.util.List;

/** JavaScript's String(value), which Yjs's XML serialisation applies to attribute values. */
final class JsString {
  private JsString() {}

  static String of(Object value) {
    return switch (value) {
      case null -> "null";
      case Undefined u -> "undefined";
      case String s -> s;
      case Double d -> Json.numberToString(d);
      case Float f -> Json.numberToString(f.doubleValue());
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      case byte[] bytes -> {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
          out.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
        }
        yield out.toString();
      }
      case List<?> list -> {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
          Object element = list.get(i);
          out.append(i == 0 ? "" : ",");
          out.append(element == null || element == Undefined.VALUE ? "" : of(element));
        }
        yield out.toString();
      }
      case YMap map -> "[object Object]";
      case AbstractType type -> type.toString();
      default -> "[object Object]";
    };
  }
}
