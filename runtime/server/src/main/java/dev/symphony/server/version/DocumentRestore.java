package dev.symphony.server.version;

import dev.symphony.yjs.AbstractType;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import dev.symphony.yjs.YXmlFragment;
import dev.symphony.yjs.YjsDecodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a live document equal to a version by editing it, in the caller's transaction, the way a
 * client would: nothing of the history is rewritten, so connected clients receive one ordinary
 * update and converge, and a later restore can bring back what this one removed.
 *
 * <p>Per top-level type: a text keeps what it shares with the version at its start and end and gets
 * the version's middle (content, formatting, embeds) in place of its own ({@link TextRestore}); a
 * map gets the version's keys (values that differ are set to copies, keys the version lacks are
 * deleted); an array or XML fragment keeps the elements it shares with the version at its start and
 * end and replaces the ones in between with copies. A top-level type the version lacks (or holds
 * empty) is emptied: Yjs cannot remove a top-level type itself.
 *
 * <p>Limits: nested types that differ are replaced by copies, not edited in place (a client's
 * cursor inside them moves to the start); a top-level type used as another kind in the live
 * document than in the version is left as it is and reported; sub-documents are not copied.
 */
final class DocumentRestore {

  /** What a restore did: the top-level types it changed and anything it could not do. */
  record Outcome(List<String> changed, List<String> problems) {}

  private DocumentRestore() {}

  /**
   * Edits {@code live} until it equals the document {@code version} holds; call inside a
   * transaction of {@code live} so it becomes one update.
   */
  static Outcome apply(YDoc live, byte[] version) throws YjsDecodingException {
    YDoc target = new YDoc();
    target.applyUpdate(version);
    Map<String, RootKind> targetKinds = RootKind.of(version);
    Map<String, RootKind> liveKinds = RootKind.of(live.encodeStateAsUpdate());
    Set<String> names = new LinkedHashSet<>(targetKinds.keySet());
    names.addAll(liveKinds.keySet());
    List<String> changed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      RootKind wanted = targetKinds.getOrDefault(name, RootKind.EMPTY);
      RootKind current = liveKinds.getOrDefault(name, RootKind.EMPTY);
      RootKind kind = wanted != RootKind.EMPTY ? wanted : current;
      if (kind == RootKind.EMPTY) {
        continue; // empty in both
      }
      AbstractType liveRoot = kind.in(live, name);
      AbstractType source = wanted == RootKind.EMPTY ? null : kind.in(target, name);
      if (source != null && liveRoot.getClass() != source.getClass()) {
        problems.add(
            "'"
                + name
                + "' is a "
                + liveRoot.getClass().getSimpleName()
                + " here but a "
                + source.getClass().getSimpleName()
                + " in the version; left as it is");
        continue;
      }
      if (replace(liveRoot, source)) {
        changed.add(name);
      }
    }
    return new Outcome(changed, problems);
  }

  /**
   * Whether {@code doc} holds what the version holds in every top-level type: content, formatting,
   * XML structure; a top-level type the version lacks must be empty.
   */
  static boolean equal(YDoc doc, byte[] version) throws YjsDecodingException {
    YDoc target = new YDoc();
    target.applyUpdate(version);
    Map<String, RootKind> wanted = RootKind.of(version);
    Map<String, RootKind> present = RootKind.of(doc.encodeStateAsUpdate());
    Set<String> names = new LinkedHashSet<>(wanted.keySet());
    names.addAll(present.keySet());
    for (String name : names) {
      RootKind kind = wanted.getOrDefault(name, RootKind.EMPTY);
      if (kind == RootKind.EMPTY) {
        if (present.getOrDefault(name, RootKind.EMPTY) != RootKind.EMPTY) {
          return false;
        }
      } else if (!Content.fingerprint(kind.in(doc, name))
          .equals(Content.fingerprint(kind.in(target, name)))) {
        return false;
      }
    }
    return true;
  }

  /** Makes {@code live} hold what {@code source} holds (nothing when null); true if it changed. */
  private static boolean replace(AbstractType live, AbstractType source) {
    return switch (live) {
      case YText text -> replaceText(text, (YText) source);
      case YMap map -> replaceMap(map, (YMap) source);
      case YArray array -> replaceArray(array, (YArray) source);
      case YXmlFragment fragment -> replaceFragment(fragment, (YXmlFragment) source);
      default -> throw new IllegalStateException("unexpected type " + live.getClass());
    };
  }

  private static boolean replaceText(YText live, YText source) {
    return TextRestore.apply(live, source == null ? List.of() : source.toDelta());
  }

  private static boolean replaceMap(YMap live, YMap source) {
    Map<String, Object> wanted = source == null ? Map.of() : source.toMap();
    boolean changed = false;
    for (String key : new ArrayList<>(live.keys())) {
      if (!wanted.containsKey(key)) {
        live.delete(key);
        changed = true;
      }
    }
    Map<String, Object> current = live.toMap();
    for (Map.Entry<String, Object> entry : wanted.entrySet()) {
      boolean same =
          current.containsKey(entry.getKey())
              && Objects.equals(
                  Content.fingerprint(current.get(entry.getKey())),
                  Content.fingerprint(entry.getValue()));
      if (!same) {
        live.set(entry.getKey(), Content.copy(entry.getValue()));
        changed = true;
      }
    }
    return changed;
  }

  private static boolean replaceArray(YArray live, YArray source) {
    List<Object> wanted = source == null ? List.of() : source.toList();
    Span span = Span.between(live.toList(), wanted);
    if (span == null) {
      return false;
    }
    // Insert before deleting, so the insert's position search meets no run of deleted items.
    if (!span.inserted().isEmpty()) {
      live.insert(span.start(), Content.copyAll(span.inserted()));
    }
    if (span.deleteCount() > 0) {
      live.delete(span.start() + span.inserted().size(), span.deleteCount());
    }
    return true;
  }

  private static boolean replaceFragment(YXmlFragment live, YXmlFragment source) {
    List<AbstractType> wanted = source == null ? List.of() : Content.children(source);
    Span span = Span.between(Content.children(live), wanted);
    if (span == null) {
      return false;
    }
    if (!span.inserted().isEmpty()) {
      @SuppressWarnings("unchecked")
      List<AbstractType> nodes = (List<AbstractType>) (List<?>) span.inserted();
      live.insert(span.start(), Content.copyNodes(nodes));
    }
    if (span.deleteCount() > 0) {
      live.delete(span.start() + span.inserted().size(), span.deleteCount());
    }
    return true;
  }

  /**
   * The part of a list that differs from the wanted list once their common start and end are left
   * out: delete {@code deleteCount} elements at {@code start}, insert {@code inserted}.
   */
  private record Span(int start, int deleteCount, List<?> inserted) {

    /** Null when the lists are equal. */
    static Span between(List<?> current, List<?> wanted) {
      List<Object> have = Content.listFingerprint(current);
      List<Object> want = Content.listFingerprint(wanted);
      if (have.equals(want)) {
        return null;
      }
      int prefix = 0;
      while (prefix < have.size()
          && prefix < want.size()
          && have.get(prefix).equals(want.get(prefix))) {
        prefix++;
      }
      int suffix = 0;
      while (suffix < have.size() - prefix
          && suffix < want.size() - prefix
          && have.get(have.size() - 1 - suffix).equals(want.get(want.size() - 1 - suffix))) {
        suffix++;
      }
      return new Span(
          prefix, have.size() - prefix - suffix, wanted.subList(prefix, wanted.size() - suffix));
    }
  }
}
