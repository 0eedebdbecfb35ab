package dev.symphony.crdtbench.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Client ids for the Yjs-family engines. Yjs draws random 32-bit ids, and an id's varint length (4
 * or 5 bytes) shows in every encoded origin, so random ids make document sizes differ by up to a
 * byte per item between runs. Ids from 2^30 upwards all take 5 bytes, like most random ones, so
 * sizes are comparable across engines (the Node runner uses the same sequence).
 */
public final class ClientIds {

  private static final long FIRST = 1L << 30;

  private final AtomicLong next = new AtomicLong(FIRST);

  public long next() {
    return next.getAndIncrement();
  }
}
