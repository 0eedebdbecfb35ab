package dev.symphony.server.version;

import dev.symphony.server.ServerSetup;
import dev.symphony.server.auth.AdminAccess;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.RoomCatalog;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Adds version history to a server being set up ({@link ServerSetup}): automatic versions on the
 * rooms, the version routes behind the admin token. Versions are kept by the document store ({@link
 * DocumentStore#versions()}).
 */
public final class VersionSetup {

  private VersionSetup() {}

  /**
   * The setup step for {@code RoomServer.start(..., setup)}; the history it makes is closed with
   * the JVM's daemon threads (it holds one store thread).
   */
  public static Consumer<ServerSetup> of(
      DocumentStore documents, RoomCatalog catalog, AdminAccess access, VersionPolicy policy) {
    return setup -> {
      VersionHistory history =
          new VersionHistory(
                  setup.rooms(), documents.versions(), catalog, policy, Clock.systemUTC())
              .listen();
      setup.addRoutes(new VersionRoutes(history, access));
    };
  }
}
