package dev.symphony.yjs;

/**
 * A top-level type received from a remote update before anyone asked for it by kind. It stores and
 * merges content like any type; asking the document for it as a map, array, text or XML fragment
 * turns it into that kind.
 */
final class UnknownType extends AbstractType {

  @Override
  int typeRef() {
    throw new IllegalStateException("a top-level type is never nested");
  }

  /**
   * Without a kind, the content is guessed: keys make a map, text content a string, else a list.
   */
  @Override
  Object toJsonValue() {
    if (start == null) {
      return hasMapEntries() ? mapToJsonValue() : java.util.Map.of();
    }
    boolean text = true;
    for (Item n = start; n != null && text; n = n.right) {
      text =
          n.content instanceof ContentString
              || n.content instanceof ContentFormat
              || n.content instanceof ContentDeleted
              || n.content instanceof ContentEmbed;
    }
    if (text) {
      StringBuilder out = new StringBuilder();
      for (Item n = start; n != null; n = n.right) {
        if (!n.isDeleted() && n.content instanceof ContentString s) {
          s.appendTo(out);
        }
      }
      return out.toString();
    }
    return listToJsonValue();
  }
}
