package dev.symphony.server.embed;

import dev.symphony.server.store.DocumentStore;
import java.io.IOException;
import java.util.Optional;

/**
 * The application's document store with the {@link OnLoad} and {@link OnStore} hooks around it. A
 * document {@link OnLoad} gives is saved in the store at once: the room's later updates (in the
 * update log) build on it, so it must be the same document at every later load, and the hook is
 * asked only once per room.
 */
final class HookedDocumentStore implements DocumentStore {

  private final DocumentStore store;
  private final OnLoad onLoad;
  private final OnStore onStore;

  HookedDocumentStore(DocumentStore store, OnLoad onLoad, OnStore onStore) {
    this.store = store;
    this.onLoad = onLoad;
    this.onStore = onStore;
  }

  @Override
  public Optional<byte[]> load(String roomId) throws IOException {
    Optional<byte[]> stored = store.load(roomId);
    if (stored.isPresent() || onLoad == null) {
      return stored;
    }
    Optional<byte[]> seed = call(() -> onLoad.load(roomId), "onLoad", roomId);
    if (seed == null || seed.isEmpty()) {
      return Optional.empty();
    }
    store.save(roomId, seed.get());
    return seed;
  }

  @Override
  public void save(String roomId, byte[] snapshot) throws IOException {
    store.save(roomId, snapshot);
    if (onStore != null) {
      call(
          () -> {
            onStore.stored(roomId, snapshot);
            return null;
          },
          "onStore",
          roomId);
    }
  }

  @Override
  public void delete(String roomId) throws IOException {
    store.delete(roomId);
  }

  private static <T> T call(java.util.concurrent.Callable<T> hook, String name, String roomId)
      throws IOException {
    try {
      return hook.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name + " was interrupted for room " + roomId, e);
    } catch (Exception e) {
      throw new IOException(name + " failed for room " + roomId + ": " + e.getMessage(), e);
    }
  }
}
