package dev.symphony.crdtbench.engine.automerge;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.MemoryGauge;
import dev.symphony.crdtbench.engine.NativeMemoryGauge;
import java.util.function.Consumer;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * Automerge (Rust) through its JNI binding {@code org.automerge:automerge}. Documents live in
 * native memory, so memory is measured as RSS growth.
 */
public final class AutomergeEngine implements CrdtEngine {

  public static final String ID = "automerge";

  /**
   * Every replica must share the root objects' ids, so they all start from one saved document
   * holding {@code text}, {@code array} and {@code map} (as crdt-benchmarks' Automerge factory).
   */
  private final byte[] initialState = createInitialState();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Automerge (JNI)";
  }

  @Override
  public CrdtDoc create(Consumer<byte[]> updateListener) {
    return new AutomergeDoc(Document.load(initialState), updateListener);
  }

  @Override
  public CrdtDoc load(byte[] encodedState) {
    return new AutomergeDoc(Document.load(encodedState), null);
  }

  @Override
  public MemoryGauge memoryGauge() {
    return new NativeMemoryGauge();
  }

  private static byte[] createInitialState() {
    Document doc = new Document();
    try {
      try (Transaction tx = doc.startTransaction()) {
        tx.set(ObjectId.ROOT, AutomergeDoc.TEXT, ObjectType.TEXT);
        tx.set(ObjectId.ROOT, AutomergeDoc.ARRAY, ObjectType.LIST);
        tx.set(ObjectId.ROOT, AutomergeDoc.MAP, ObjectType.MAP);
        tx.commit();
      }
      return doc.save();
    } finally {
      doc.free();
    }
  }
}
