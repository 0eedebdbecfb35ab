package dev.symphony.load.user;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One receiver's record of the stamps of one kind (document updates or presence) it got from its
 * room-mates, relative to the ledger marks taken when it started and stopped listening. Kept in
 * small arrays indexed by sender: a room has a handful of users, and this runs for every message.
 */
final class Deliveries {

  /** The outcome of one receiver for one kind of message. */
  record Tally(long expected, long received, long lost, long duplicates) {}

  private long[] senders = new long[4];
  private BitSet[] seen = new BitSet[4];
  private long[] highest = new long[4];
  private int count;
  private long duplicates;

  private int slot(long sender) {
    for (int i = 0; i < count; i++) {
      if (senders[i] == sender) {
        return i;
      }
    }
    if (count == senders.length) {
      senders = Arrays.copyOf(senders, count * 2);
      seen = Arrays.copyOf(seen, count * 2);
      highest = Arrays.copyOf(highest, count * 2);
    }
    senders[count] = sender;
    seen[count] = new BitSet();
    return count++;
  }

  private int find(long sender) {
    for (int i = 0; i < count; i++) {
      if (senders[i] == sender) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Records stamp {@code seq} of {@code sender}; returns whether it is new and within the window
   * that starts after {@code startMark} (older stamps come with the initial state and are no
   * measure of fan-out).
   */
  boolean record(long sender, long seq, long startMark) {
    if (seq <= startMark) {
      return false;
    }
    int i = slot(sender);
    int index = Math.toIntExact(seq - startMark - 1);
    if (seen[i].get(index)) {
      duplicates++;
      return false;
    }
    seen[i].set(index);
    highest[i] = Math.max(highest[i], seq);
    return true;
  }

  private long received(long sender, long from, long to) {
    int i = find(sender);
    return i < 0 || to <= from ? 0 : seen[i].get(0, Math.toIntExact(to - from)).cardinality();
  }

  /**
   * Document updates: every stamp between the marks must have arrived. Yjs updates are cumulative
   * only through the document, so a missing update is a missing edit.
   */
  Tally exact(long self, RoomLedger.Marks start, RoomLedger.Marks end) {
    long expected = 0;
    long received = 0;
    for (long sender : end.users()) {
      if (sender == self) {
        continue;
      }
      long from = start.updates(sender);
      long to = end.updates(sender);
      expected += Math.max(0, to - from);
      received += received(sender, from, to);
    }
    return new Tally(expected, received, expected - received, duplicates);
  }

  /**
   * Presence: a state is a last-writer-wins value, and servers may legitimately skip a state that a
   * newer one from the same client replaced before it went out (Hocuspocus coalesces within one
   * event-loop turn). So a presence state counts as lost only when nothing as new or newer from
   * that sender arrived; {@code received} still counts the states that arrived one by one.
   */
  Tally latestWins(long self, RoomLedger.Marks start, RoomLedger.Marks end) {
    long expected = 0;
    long received = 0;
    long lost = 0;
    for (long sender : end.users()) {
      if (sender == self) {
        continue;
      }
      long from = start.presence(sender);
      long to = end.presence(sender);
      if (to <= from) {
        continue;
      }
      expected += to - from;
      received += received(sender, from, to);
      int i = find(sender);
      long newest = Math.min(to, Math.max(from, i < 0 ? from : highest[i]));
      lost += to - newest;
    }
    return new Tally(expected, received, lost, duplicates);
  }
}
