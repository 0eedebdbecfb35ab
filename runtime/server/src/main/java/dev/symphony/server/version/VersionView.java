package dev.symphony.server.version;

import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.util.Map;

/**
 * The JSON view of a stored document ({@link YDoc#toJson()}), with each top-level type read as the
 * kind its content shows ({@link RootKind}): a map as an object, a text as its plain string, an
 * array as an array, an XML fragment as its XML string. Formatting is not part of this view.
 */
final class VersionView {

  private VersionView() {}

  static String json(byte[] update) throws YjsDecodingException {
    Map<String, RootKind> kinds = RootKind.of(update);
    YDoc doc = new YDoc();
    doc.applyUpdate(update);
    kinds.forEach(
        (name, kind) -> {
          if (kind != RootKind.EMPTY) {
            kind.in(doc, name);
          }
        });
    return doc.toJson();
  }
}
