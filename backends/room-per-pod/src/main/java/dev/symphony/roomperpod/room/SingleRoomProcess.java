package dev.symphony.roomperpod.room;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.version.VersionPolicy;
import dev.symphony.server.webhook.WebhookSettings;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.SingleNode;
import dev.symphony.singlenode.StorageSettings;
import dev.symphony.singlenode.UpdateLogSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room process: the single-node runtime serving one room. It checkpoints as single-node does and
 * ends itself, rooms stored, once it has had no connection and no loaded room for the idle-exit
 * period, or when the process that started it (the local proxy) is gone.
 */
public final class SingleRoomProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SingleRoomProcess.class);
  private static final Duration IDLE_CHECK = Duration.ofMillis(200);

  private final SingleNode node;
  private final RoomProcessSettings settings;
  private final ScheduledExecutorService watcher;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String stopReason;
  private volatile long lastConnectedNanos;

  private SingleRoomProcess(SingleNode node, RoomProcessSettings settings) {
    this.node = node;
    this.settings = settings;
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("room-idle-watch").daemon().factory());
    this.lastConnectedNanos = System.nanoTime();
  }

  /** Opens the stores in {@code data} and serves {@code settings.roomId()} only. */
  public static SingleRoomProcess start(
      ServerConfig config,
      DataDirectory data,
      UpdateLogSettings logging,
      StorageSettings storage,
      RoomProcessSettings settings)
      throws InterruptedException {
    return start(
        config, data, logging, storage, VersionPolicy.defaults(), WebhookSettings.NONE, settings);
  }

  /**
   * As above, with the version policy and webhooks of the proxy's options (its catalog holds the
   * webhook outbox: with a shared PostgreSQL catalog, events a room process left pending are sent
   * by any process configured for the same URL).
   */
  public static SingleRoomProcess start(
      ServerConfig config,
      DataDirectory data,
      UpdateLogSettings logging,
      StorageSettings storage,
      VersionPolicy versions,
      WebhookSettings webhooks,
      RoomProcessSettings settings)
      throws InterruptedException {
    long entered = System.currentTimeMillis();
    SingleNode node = SingleNode.start(config, data, logging, storage, versions, webhooks);
    node.server().rooms().addListener(new OneRoomOnly(settings.roomId()));
    SingleRoomProcess process = new SingleRoomProcess(node, settings);
    process.watch();
    logStartup(settings.roomId(), entered);
    return process;
  }

  /**
   * Where a cold start's time went, read by the cold-start harness: JVM launch to this point (JVM
   * boot, class loading of main and the command line) and the single-node start (stores opened,
   * catalog migrated, server bound).
   */
  private static void logStartup(String roomId, long entered) {
    long now = System.currentTimeMillis();
    long jvmStart =
        ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(entered);
    log.info(
        "room '{}' serving: startup-timing jvm-to-start={} ms single-node-start={} ms classes={}",
        roomId,
        entered - jvmStart,
        now - entered,
        java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
  }

  private void watch() {
    watcher.scheduleWithFixedDelay(
        this::checkIdle, IDLE_CHECK.toMillis(), IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    if (settings.parentPid() > 0) {
      ProcessHandle.of(settings.parentPid())
          .ifPresentOrElse(
              parent -> parent.onExit().thenRun(() -> stop("the proxy that started it exited")),
              () -> stop("the proxy that started it (pid " + settings.parentPid() + ") is gone"));
    }
  }

  /**
   * Exits once no client has been connected for {@code idleExit} and no room is loaded: the
   * registry unloads the room, stored, a grace period after its last client, so with the usual
   * settings (grace = idle exit) the process ends right after that final checkpoint.
   */
  private void checkIdle() {
    long now = System.nanoTime();
    if (node.server().metrics().connections() > 0) {
      lastConnectedNanos = now;
    } else if (node.server().rooms().size() == 0
        && now - lastConnectedNanos >= settings.idleExit().toNanos()) {
      stop("no client for " + settings.idleExit().toMillis() + " ms");
    }
  }

  private synchronized void stop(String reason) {
    if (stopReason != null) {
      return;
    }
    stopReason = reason;
    log.info("room process for '{}' exiting: {}", settings.roomId(), reason);
    Thread.ofPlatform().name("room-exit").start(this::close);
  }

  public InetSocketAddress address() {
    return node.address();
  }

  public SingleNode node() {
    return node;
  }

  /** Blocks until the process stopped itself (idle, proxy gone) or was closed; says why. */
  public String awaitStop() throws InterruptedException {
    stopped.await();
    return stopReason == null ? "closed" : stopReason;
  }

  /** Stores the room and stops serving. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watcher.shutdownNow();
    try {
      node.close();
    } finally {
      stopped.countDown();
    }
  }
}
