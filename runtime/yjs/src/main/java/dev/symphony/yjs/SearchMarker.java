package dev.symphony.yjs;

import java.util.ArrayList;

/**
 * A remembered (item, index) pair in a list or text, so position lookups start near where the last
 * edits happened instead of at the start. The placement rules follow Yjs exactly, because they
 * decide which neighbours a local insert records as origins, and so the bytes of the encoded
 * document.
 */
final class SearchMarker {
  static final int MAX_MARKERS = 80;

  Item item;
  int index;
  long timestamp;

  private SearchMarker(Item item, int index, long timestamp) {
    this.item = item;
    this.index = index;
    this.timestamp = timestamp;
    item.setMarker(true);
  }

  private void overwrite(Item newItem, int newIndex, long now) {
    item.setMarker(false);
    item = newItem;
    newItem.setMarker(true);
    index = newIndex;
    timestamp = now;
  }

  /** The marker nearest to {@code index}, moved onto the item at that index; null for index 0. */
  static SearchMarker find(AbstractType list, int index) {
    ArrayList<SearchMarker> markers = list.searchMarkers;
    if (list.start == null || index == 0 || markers == null) {
      return null;
    }
    SearchMarker marker = null;
    for (SearchMarker candidate : markers) {
      if (marker == null || Math.abs(index - marker.index) >= Math.abs(index - candidate.index)) {
        marker = candidate;
      }
    }
    Item p = list.start;
    int pIndex = 0;
    if (marker != null) {
      p = marker.item;
      pIndex = marker.index;
      marker.timestamp = list.doc.nextMarkerTimestamp();
    }
    while (p.right != null && pIndex < index) {
      if (!p.isDeleted() && p.isCountable()) {
        if (index < pIndex + p.length) {
          break;
        }
        pIndex += p.length;
      }
      p = p.right;
    }
    while (p.left != null && pIndex > index) {
      p = p.left;
      if (!p.isDeleted() && p.isCountable()) {
        pIndex -= p.length;
      }
    }
    // A marker must not sit on an item that may merge into its left neighbour.
    while (p.left != null && p.left.client == p.client && p.left.clock + p.left.length == p.clock) {
      p = p.left;
      if (!p.isDeleted() && p.isCountable()) {
        pIndex -= p.length;
      }
    }
    long now = list.doc.nextMarkerTimestamp();
    if (marker != null
        && Math.abs(marker.index - pIndex) < ((double) p.parentType().length) / MAX_MARKERS) {
      marker.overwrite(p, pIndex, now);
      return marker;
    }
    if (markers.size() >= MAX_MARKERS) {
      SearchMarker oldest = markers.get(0);
      for (SearchMarker m : markers) {
        if (m.timestamp < oldest.timestamp) {
          oldest = m;
        }
      }
      oldest.overwrite(p, pIndex, now);
      return oldest;
    }
    SearchMarker created = new SearchMarker(p, pIndex, now);
    markers.add(created);
    return created;
  }

  /**
   * Shifts markers after an insert ({@code length > 0}) or delete ({@code length < 0}) at index.
   */
  static void updateChanges(ArrayList<SearchMarker> markers, int index, int length) {
    for (int i = markers.size() - 1; i >= 0; i--) {
      SearchMarker m = markers.get(i);
      if (length > 0) {
        Item p = m.item;
        p.setMarker(false);
        // Move the marker to a visible, countable item, so comparing indices is meaningful.
        while (p != null && (p.isDeleted() || !p.isCountable())) {
          p = p.left;
          if (p != null && !p.isDeleted() && p.isCountable()) {
            m.index -= p.length;
          }
        }
        if (p == null || p.isMarker()) {
          markers.remove(i);
          continue;
        }
        m.item = p;
        p.setMarker(true);
      }
      if (index < m.index || (length > 0 && index == m.index)) {
        m.index = Math.max(index, m.index + length);
      }
    }
  }
}
