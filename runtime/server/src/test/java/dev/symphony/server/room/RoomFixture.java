package dev.symphony.server.room;

import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.metrics.RuntimeMetrics;
import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.yjs.YDoc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A registry on a {@link ManualExecutor}, with in-memory storage: rooms on a fake clock. */
final class RoomFixture {

  final ManualExecutor executor = new ManualExecutor();
  final MemoryRoomCatalog catalog = new MemoryRoomCatalog();
  final DocumentStore documents;
  final RoomStorage storage;
  final RoomRegistry registry;

  /** The refusals the rooms reported to their metrics, in order. */
  final List<RejectReason> rejections = new CopyOnWriteArrayList<>();

  RoomFixture() {
    this(new MemoryDocumentStore(), RoomSettings.defaults());
  }

  RoomFixture(DocumentStore documents, RoomSettings settings) {
    this(documents, settings, null);
  }

  /** Storage work runs on {@code storageExecutor}, or on the room's executor when null. */
  RoomFixture(DocumentStore documents, RoomSettings settings, Executor storageExecutor) {
    this.documents = documents;
    this.storage =
        new RoomStorage(
            documents,
            catalog,
            executor.clock(),
            storageExecutor == null ? executor : storageExecutor);
    RuntimeMetrics metrics =
        new RuntimeMetrics.Disabled() {
          @Override
          public void rejected(RejectReason reason) {
            rejections.add(reason);
          }
        };
    this.registry = new RoomRegistry(roomId -> executor, storage, settings, metrics);
  }

  RecordingConnection join(String roomId, String name) {
    RecordingConnection connection = new RecordingConnection(name);
    registry.join(roomId, connection);
    executor.runPending();
    return connection;
  }

  void send(String roomId, RecordingConnection from, YMessage message) {
    registry.deliver(roomId, from, message);
    executor.runPending();
  }

  void leave(String roomId, RecordingConnection connection) {
    registry.leave(roomId, connection);
    executor.runPending();
  }

  void advance(Duration duration) {
    executor.advance(duration);
  }

  /** A client-side document holding {@code text} in its text "t". */
  static YDoc clientDoc(String text) {
    YDoc doc = new YDoc();
    doc.getText("t").insert(0, text);
    return doc;
  }

  static YMessage update(YDoc doc) {
    return new YMessage.SyncUpdate(doc.encodeStateAsUpdate());
  }

  static byte[] frame(YMessage message) {
    return MessageEncoder.encode(message);
  }

  /** What a fresh client would hold after applying everything the server sent it. */
  static String textSeenBy(RecordingConnection connection) throws Exception {
    YDoc doc = new YDoc();
    for (YMessage message : connection.messages()) {
      switch (message) {
        case YMessage.SyncStep2 step2 -> doc.applyUpdate(step2.update());
        case YMessage.SyncUpdate update -> doc.applyUpdate(update.update());
        default -> {}
      }
    }
    return doc.getText("t").toString();
  }
}
