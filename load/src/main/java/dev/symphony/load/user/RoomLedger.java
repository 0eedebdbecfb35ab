package dev.symphony.load.user;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each virtual user of one room has sent so far: the basis of "expected" in the loss count. A
 * receiver takes a snapshot when its initial sync completes (the server holds it in the room from
 * then on) and another when it stops listening; every stamp a room-mate sent in between must
 * arrive. Rooms never span load-generator JVMs, so one in-memory ledger per room sees all senders.
 */
public final class RoomLedger {

  private final Map<Long, Sender> senders = new ConcurrentHashMap<>();

  /** The counters of one sender, created on first use. */
  public Sender sender(long user) {
    return senders.computeIfAbsent(user, u -> new Sender());
  }

  /** The current sequence numbers of every sender in the room. */
  public Marks snapshot() {
    // a room has a handful of users: parallel arrays scanned linearly beat a boxed map here, and
    // receivers look marks up for every message they get
    long[] users = new long[senders.size() + 4];
    long[] updates = new long[users.length];
    long[] presence = new long[users.length];
    int[] n = {0};
    senders.forEach(
        (user, s) -> {
          if (n[0] < users.length) {
            users[n[0]] = user;
            updates[n[0]] = s.updates.get();
            presence[n[0]] = s.presence.get();
            n[0]++;
          }
        });
    return new Marks(
        Arrays.copyOf(users, n[0]), Arrays.copyOf(updates, n[0]), Arrays.copyOf(presence, n[0]));
  }

  /** Sequence counters of one sender; the first stamp has sequence number 1. */
  public static final class Sender {
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong presence = new AtomicLong();

    public long nextUpdateSeq() {
      return updates.incrementAndGet();
    }

    public long nextPresenceSeq() {
      return presence.incrementAndGet();
    }
  }

  /** Per-sender sequence numbers at one moment; a sender not yet seen is at 0. */
  public static final class Marks {
    private final long[] users;
    private final long[] updates;
    private final long[] presence;

    Marks(long[] users, long[] updates, long[] presence) {
      this.users = users;
      this.updates = updates;
      this.presence = presence;
    }

    /** The senders known at this moment. */
    public long[] users() {
      return users.clone();
    }

    public long updates(long user) {
      int i = indexOf(user);
      return i < 0 ? 0 : updates[i];
    }

    public long presence(long user) {
      int i = indexOf(user);
      return i < 0 ? 0 : presence[i];
    }

    private int indexOf(long user) {
      for (int i = 0; i < users.length; i++) {
        if (users[i] == user) {
          return i;
        }
      }
      return -1;
    }
  }
}
