package dev.symphony.pubsub;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node's two Redis connections (commands, and pub/sub), binary-safe. While Redis is away,
 * commands fail at once instead of queueing, so the callers keep what they could not write and
 * retry it themselves; Lettuce reconnects (and re-subscribes) on its own.
 */
final class Redis implements AutoCloseable {

  /** How long one command may take before it counts as failed. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final StatefulRedisPubSubConnection<byte[], byte[]> pubsub;
  private final AtomicBoolean up = new AtomicBoolean(true);

  private Redis(
      ClientResources resources,
      RedisClient client,
      StatefulRedisConnection<byte[], byte[]> connection,
      StatefulRedisPubSubConnection<byte[], byte[]> pubsub) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.pubsub = pubsub;
  }

  /** Connects both; fails with a one-line reason when Redis cannot be reached. */
  static Redis connect(String uri) {
    // Two I/O threads are plenty for two connections.
    ClientResources resources =
        DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    RedisClient client = RedisClient.create(resources, RedisURI.create(uri));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
    try {
      var connection = client.connect(ByteArrayCodec.INSTANCE);
      var pubsub = client.connectPubSub(ByteArrayCodec.INSTANCE);
      return new Redis(resources, client, connection, pubsub);
    } catch (RuntimeException e) {
      client.shutdown();
      resources.shutdown();
      throw new IllegalStateException(
          "cannot connect to Redis at " + uri + ": " + e.getMessage(), e);
    }
  }

  RedisAsyncCommands<byte[], byte[]> commands() {
    return connection.async();
  }

  /** Blocking commands, for the storage threads and start-up. */
  io.lettuce.core.api.sync.RedisCommands<byte[], byte[]> connectionSync() {
    return connection.sync();
  }

  StatefulRedisPubSubConnection<byte[], byte[]> pubsub() {
    return pubsub;
  }

  /**
   * Runs {@code action} (on a Lettuce thread: hand work off) whenever the pub/sub connection comes
   * back after a drop, e.g. when Redis closed it for a full output buffer while the command
   * connection stayed up: messages published meanwhile never arrive, so the rooms must resync.
   */
  void onPubSubReconnected(Runnable action) {
    client.addListener(
        new io.lettuce.core.RedisConnectionStateListener() {
          @Override
          public void onRedisConnected(
              io.lettuce.core.RedisChannelHandler<?, ?> connection,
              java.net.SocketAddress address) {
            if (connection == pubsub) {
              action.run();
            }
          }
        });
  }

  /** Whether the last heartbeat reached Redis. */
  boolean up() {
    return up.get() && connection.isOpen();
  }

  /** Records the heartbeat's outcome; true when Redis just came back after being away. */
  boolean reached(boolean reached) {
    boolean wasUp = up.getAndSet(reached);
    return reached && !wasUp;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    pubsub.close();
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown();
  }
}
