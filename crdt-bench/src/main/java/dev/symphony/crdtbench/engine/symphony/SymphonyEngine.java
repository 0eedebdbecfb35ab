package dev.symphony.crdtbench.engine.symphony;

import dev.symphony.crdtbench.engine.ClientIds;
import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.HeapGauge;
import dev.symphony.crdtbench.engine.MemoryGauge;
import java.util.function.Consumer;

/** Symphony's own pure-Java Yjs engine ({@code runtime/yjs}); updates are Yjs update format v1. */
public final class SymphonyEngine implements CrdtEngine {

  private final ClientIds clientIds = new ClientIds();

  public static final String ID = "symphony";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Symphony Yjs (JVM)";
  }

  @Override
  public CrdtDoc create(Consumer<byte[]> updateListener) {
    return new SymphonyDoc(clientIds.next(), updateListener);
  }

  @Override
  public CrdtDoc load(byte[] encodedState) {
    SymphonyDoc doc = new SymphonyDoc(clientIds.next(), null);
    doc.applyUpdate(encodedState);
    return doc;
  }

  @Override
  public MemoryGauge memoryGauge() {
    return new HeapGauge();
  }
}
