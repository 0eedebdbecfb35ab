package dev.symphony.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.util.List;

/**
 * Applies a list of edits to a room's document all together or not at all. A Yjs transaction cannot
 * be rolled back, so the edits first run on a copy of the document: only when every one of them
 * fits does the same list run on the live document, in one transaction (one update for the clients,
 * the log and the backplane). The copy costs one encode and decode of the document per request.
 */
final class EditBatch {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Edit> edits;

  EditBatch(List<Edit> edits) {
    this.edits = List.copyOf(edits);
  }

  int size() {
    return edits.size();
  }

  /**
   * Checks every edit against {@code live} without changing it.
   *
   * @throws ApiException 400 naming the first edit that does not fit; 413 when the edited document
   *     would be larger than {@code maxDocumentBytes}
   */
  void check(YDoc live, long maxDocumentBytes) {
    YDoc copy = new YDoc();
    try {
      copy.applyUpdate(live.encodeStateAsUpdate());
    } catch (YjsDecodingException e) {
      throw new IllegalStateException("the room's own document does not decode", e);
    }
    JsonNode shape = shapeOf(copy);
    for (int i = 0; i < edits.size(); i++) {
      Edit edit = edits.get(i);
      try {
        Target.Kind edited = kindOf(edit);
        requireSameKind(shape, edit.target(), edited);
        // Asking the live document for the top-level type changes no content; it fails when the
        // room already uses that name for another kind of type.
        edit.target().root(live, edited);
        edit.apply(copy);
      } catch (ApiException e) {
        throw ApiException.badRequest(describe(i, edit) + e.getMessage());
      } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
        throw ApiException.badRequest(describe(i, edit) + e.getMessage());
      }
    }
    int size = copy.encodeStateAsUpdate().length;
    if (size > maxDocumentBytes) {
      throw new ApiException(
          413,
          "the edits would grow the document to "
              + size
              + " bytes, past the room's limit of "
              + maxDocumentBytes);
    }
  }

  /** Runs every edit on {@code doc}; call inside one transaction, after {@link #check}. */
  void apply(YDoc doc) {
    for (Edit edit : edits) {
      edit.apply(doc);
    }
  }

  private static String describe(int index, Edit edit) {
    return "operation " + index + " (" + edit.op() + " on '" + edit.target().type() + "'): ";
  }

  private static Target.Kind kindOf(Edit edit) {
    return switch (edit) {
      case Edit.MapSet ignored -> Target.Kind.MAP;
      case Edit.MapDelete ignored -> Target.Kind.MAP;
      case Edit.ArrayInsert ignored -> Target.Kind.ARRAY;
      case Edit.ArrayDelete ignored -> Target.Kind.ARRAY;
      case Edit.TextInsert ignored -> Target.Kind.TEXT;
      case Edit.TextDelete ignored -> Target.Kind.TEXT;
      case Edit.TextFormat ignored -> Target.Kind.TEXT;
    };
  }

  /**
   * A top-level type that arrived from clients has no declared kind on the server; its content
   * tells (keys: a map, characters: a text, elements: an array). Refuses an edit that would read
   * such content as another kind; an empty type fits any.
   */
  private static void requireSameKind(JsonNode shape, Target target, Target.Kind edited) {
    JsonNode existing = shape.get(target.type());
    if (existing == null
        || existing.isEmpty() && !existing.isTextual()
        || existing.isTextual() && existing.textValue().isEmpty()) {
      return;
    }
    Target.Kind wanted = target.rootKind(edited);
    boolean fits =
        switch (wanted) {
          case MAP -> existing.isObject();
          case ARRAY -> existing.isArray();
          case TEXT -> existing.isTextual();
        };
    if (!fits) {
      String holds = existing.isObject() ? "a map" : existing.isArray() ? "an array" : "text";
      throw ApiException.badRequest(
          "the top-level type '"
              + target.type()
              + "' holds "
              + holds
              + ", not "
              + wanted.description);
    }
  }

  private static JsonNode shapeOf(YDoc doc) {
    try {
      return JSON.readTree(doc.toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the document's JSON view does not parse", e);
    }
  }
}
