package dev.symphony.server.version;

import dev.symphony.yjs.YText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a text equal to a wanted delta with few operations: the content both share at the start and
 * at the end (same characters, same attributes) stays; the wanted middle is inserted first, at the
 * end of the shared start, then the old middle after it is deleted in one operation. Inserting
 * before deleting keeps every insert's position search among live content (a search through a long
 * run of deleted items costs each insert as much again), and keeping the shared parts leaves
 * clients' cursors there in place.
 */
final class TextRestore {

  private TextRestore() {}

  /** One piece of a delta: a string or an embed, with its attributes (never null). */
  private record Run(Object insert, Map<String, Object> attributes) {
    int length() {
      return insert instanceof String text ? text.length() : 1;
    }
  }

  /** Edits {@code live} until its delta equals {@code wanted}; false when it already did. */
  static boolean apply(YText live, List<Map<String, Object>> wanted) {
    List<Run> have = runs(live.toDelta());
    List<Run> want = runs(wanted);
    int haveLength = length(have);
    int wantLength = length(want);
    int prefix = commonPrefix(have, want);
    if (prefix == haveLength && prefix == wantLength) {
      return false;
    }
    int suffix =
        Math.min(
            commonPrefix(reversed(have), reversed(want)),
            Math.min(haveLength, wantLength) - prefix);
    String haveText = plain(have);
    String wantText = plain(want);
    // Never cut a surrogate pair: the halves would each become U+FFFD.
    while (prefix > 0 && Character.isHighSurrogate(wantText.charAt(prefix - 1))) {
      prefix--;
    }
    while (suffix > 0 && Character.isLowSurrogate(haveText.charAt(haveLength - suffix))) {
      suffix--;
    }
    List<Map<String, Object>> middle = slice(want, prefix, wantLength - suffix);
    // Last piece first, each at the same index: every position search ends right after the shared
    // start, instead of walking ever further into the text.
    for (int i = middle.size() - 1; i >= 0; i--) {
      Content.appendDelta(live, prefix, List.of(middle.get(i)));
    }
    int inserted = wantLength - suffix - prefix;
    int removed = haveLength - suffix - prefix;
    if (removed > 0) {
      live.delete(prefix + inserted, removed);
    }
    return true;
  }

  private static List<Run> runs(List<Map<String, Object>> delta) {
    List<Run> runs = new ArrayList<>(delta.size());
    for (Map<String, Object> op : delta) {
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes =
          op.get("attributes") instanceof Map<?, ?> given ? (Map<String, Object>) given : Map.of();
      runs.add(new Run(op.get("insert"), attributes));
    }
    return runs;
  }

  private static int length(List<Run> runs) {
    int length = 0;
    for (Run run : runs) {
      length += run.length();
    }
    return length;
  }

  /** Text and embeds as one string (an embed as U+FFFC), for the surrogate checks. */
  private static String plain(List<Run> runs) {
    StringBuilder out = new StringBuilder();
    for (Run run : runs) {
      out.append(run.insert() instanceof String text ? text : "\uFFFC");
    }
    return out.toString();
  }

  /** The runs backwards, each string reversed by code unit (for the common end). */
  private static List<Run> reversed(List<Run> runs) {
    List<Run> reversed = new ArrayList<>(runs.size());
    for (int i = runs.size() - 1; i >= 0; i--) {
      Run run = runs.get(i);
      Object insert =
          run.insert() instanceof String text
              ? new StringBuilder(text).reverse().toString()
              : run.insert();
      reversed.add(new Run(insert, run.attributes()));
    }
    return reversed;
  }

  /** How many code units from the start are the same in both, attributes included. */
  private static int commonPrefix(List<Run> a, List<Run> b) {
    int common = 0;
    int i = 0;
    int j = 0;
    int offsetA = 0;
    int offsetB = 0;
    while (i < a.size() && j < b.size()) {
      Run x = a.get(i);
      Run y = b.get(j);
      if (!x.attributes().equals(y.attributes())) {
        return common;
      }
      if (!(x.insert() instanceof String sx) || !(y.insert() instanceof String sy)) {
        // Embeds match only whole and only plain values (a nested type is never "the same").
        boolean same =
            !(x.insert() instanceof String)
                && !(y.insert() instanceof String)
                && !(x.insert() instanceof dev.symphony.yjs.AbstractType)
                && Objects.equals(x.insert(), y.insert());
        if (!same) {
          return common;
        }
        common++;
        i++;
        j++;
        offsetA = 0;
        offsetB = 0;
        continue;
      }
      while (offsetA < sx.length() && offsetB < sy.length()) {
        if (sx.charAt(offsetA) != sy.charAt(offsetB)) {
          return common;
        }
        offsetA++;
        offsetB++;
        common++;
      }
      if (offsetA == sx.length()) {
        i++;
        offsetA = 0;
      }
      if (offsetB == sy.length()) {
        j++;
        offsetB = 0;
      }
    }
    return common;
  }

  /** The part of a delta between two code-unit positions, as delta operations. */
  private static List<Map<String, Object>> slice(List<Run> runs, int from, int to) {
    List<Map<String, Object>> ops = new ArrayList<>();
    int position = 0;
    for (Run run : runs) {
      int start = position;
      int end = position + run.length();
      position = end;
      if (end <= from || start >= to) {
        continue;
      }
      Object insert =
          run.insert() instanceof String text
              ? text.substring(Math.max(from, start) - start, Math.min(to, end) - start)
              : run.insert();
      ops.add(Map.of("insert", insert, "attributes", run.attributes()));
    }
    return ops;
  }
}
