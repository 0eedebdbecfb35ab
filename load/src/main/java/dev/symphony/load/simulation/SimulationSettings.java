package dev.symphony.load.simulation;

import dev.symphony.load.Durations;
import dev.symphony.load.LoadProfile;
import dev.symphony.load.protocol.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one Gatling JVM simulates, read from system properties ({@code -Dload.users=...}); the
 * orchestrator writes the same properties for each JVM it starts. One JVM simulates {@code users}
 * users starting at global user index {@code userOffset}; rooms are filled in order ({@code
 * usersPerRoom} consecutive users per room), so a JVM whose offset is a multiple of the room size
 * holds whole rooms.
 *
 * <p>Users connect during {@code ramp}, send for {@code settle} unjudged (a fresh Gatling JVM is
 * still compiling then, and its own stalls would count as the server's latency), then for {@code
 * duration}: the steady state the SLO judges.
 */
public record SimulationSettings(
    List<String> targets,
    Protocol protocol,
    LoadProfile profile,
    long userOffset,
    Duration ramp,
    Duration settle,
    Duration duration,
    Duration drain,
    Duration syncTimeout,
    String roomPrefix,
    Spread spread,
    int updatePadding,
    long seed,
    Path results) {

  /** How users are spread over several targets (server nodes). */
  public enum Spread {
    /** All users of a room on the same node (single process per room). */
    ROOM,
    /** Consecutive users on different nodes, so each room spans nodes (pubsub backplanes). */
    USER
  }

  public SimulationSettings {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target URL is needed");
    }
    for (String t : targets) {
      if (!t.startsWith("ws://") && !t.startsWith("wss://")) {
        throw new IllegalArgumentException("target must be a ws:// URL, got " + t);
      }
    }
    if (userOffset % profile.usersPerRoom() != 0) {
      throw new IllegalArgumentException("user offset must be a multiple of users per room");
    }
  }

  public static SimulationSettings fromSystemProperties() {
    return from(System::getProperty);
  }

  /** Reads settings through {@code get} (a system property lookup, or a map in tests). */
  public static SimulationSettings from(Function<String, String> get) {
    Function<String, String> or =
        key -> {
          String v = get.apply(key);
          return v == null || v.isBlank() ? DEFAULTS.get(key) : v.trim();
        };
    return new SimulationSettings(
        Arrays.stream(or.apply("load.targets").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList(),
        Protocol.fromId(or.apply("load.protocol")),
        new LoadProfile(
            Integer.parseInt(or.apply("load.users")),
            Integer.parseInt(or.apply("load.usersPerRoom")),
            Double.parseDouble(or.apply("load.updateRate")),
            Double.parseDouble(or.apply("load.presenceRate"))),
        Long.parseLong(or.apply("load.userOffset")),
        Durations.parse(or.apply("load.ramp")),
        Durations.parse(or.apply("load.settle")),
        Durations.parse(or.apply("load.duration")),
        Durations.parse(or.apply("load.drain")),
        Durations.parse(or.apply("load.syncTimeout")),
        or.apply("load.roomPrefix"),
        Spread.valueOf(or.apply("load.spread").toUpperCase(java.util.Locale.ROOT)),
        Integer.parseInt(or.apply("load.updatePadding")),
        Long.parseLong(or.apply("load.seed")),
        Path.of(or.apply("load.results")));
  }

  /** Every setting with its default; the README documents the same table. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("load.targets", "ws://127.0.0.1:1234");
    d.put("load.protocol", "y-websocket");
    d.put("load.users", "240");
    d.put("load.usersPerRoom", "4");
    d.put("load.updateRate", "1");
    d.put("load.presenceRate", "5");
    d.put("load.userOffset", "0");
    d.put("load.ramp", "10s");
    d.put("load.settle", "10s");
    d.put("load.duration", "30s");
    d.put("load.drain", "3s");
    d.put("load.syncTimeout", "15s");
    d.put("load.roomPrefix", "load");
    d.put("load.spread", "room");
    d.put("load.updatePadding", "0");
    d.put("load.seed", "1");
    d.put("load.results", "target/load-results.json");
    return Map.copyOf(d);
  }

  /** The properties that reproduce these settings in another JVM. */
  public Map<String, String> toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("load.targets", String.join(",", targets));
    p.put("load.protocol", protocol.id());
    p.put("load.users", Integer.toString(profile.users()));
    p.put("load.usersPerRoom", Integer.toString(profile.usersPerRoom()));
    p.put("load.updateRate", Double.toString(profile.updatesPerSecond()));
    p.put("load.presenceRate", Double.toString(profile.presencePerSecond()));
    p.put("load.userOffset", Long.toString(userOffset));
    p.put("load.ramp", ramp.toMillis() + "ms");
    p.put("load.settle", settle.toMillis() + "ms");
    p.put("load.duration", duration.toMillis() + "ms");
    p.put("load.drain", drain.toMillis() + "ms");
    p.put("load.syncTimeout", syncTimeout.toMillis() + "ms");
    p.put("load.roomPrefix", roomPrefix);
    p.put("load.spread", spread.name().toLowerCase(java.util.Locale.ROOT));
    p.put("load.updatePadding", Integer.toString(updatePadding));
    p.put("load.seed", Long.toString(seed));
    p.put("load.results", results.toString());
    return p;
  }

  /** These settings for one run of the orchestrator: its users, servers, ramp, rooms and output. */
  public SimulationSettings forRun(
      int users,
      double rateScale,
      List<String> targets,
      Spread spread,
      Protocol protocol,
      Duration ramp,
      String roomPrefix,
      Path results) {
    return new SimulationSettings(
        targets,
        protocol,
        new LoadProfile(
            users,
            profile.usersPerRoom(),
            profile.updatesPerSecond() * rateScale,
            profile.presencePerSecond() * rateScale),
        0,
        ramp,
        settle,
        duration,
        drain,
        syncTimeout,
        roomPrefix,
        spread,
        updatePadding,
        seed,
        results);
  }

  /**
   * A run like this one in rooms of its own (so the measured run starts from fresh documents) that
   * sends for {@code length} and barely drains: it only warms the server up.
   */
  public SimulationSettings warmUp(Duration length, Path warmUpResults) {
    return new SimulationSettings(
        targets,
        protocol,
        profile,
        userOffset,
        ramp,
        Duration.ZERO,
        length,
        Duration.ofSeconds(1),
        syncTimeout,
        roomPrefix + "-warmup",
        spread,
        updatePadding,
        seed,
        warmUpResults);
  }

  /** The global room index of global user {@code user}. */
  public long roomOf(long user) {
    return user / profile.usersPerRoom();
  }

  public String roomName(long room) {
    return roomPrefix + "-" + room;
  }

  /** The WebSocket URL global user {@code user} connects to. */
  public String urlFor(long user) {
    long pick = spread == Spread.ROOM ? roomOf(user) : user;
    String base = targets.get((int) (pick % targets.size()));
    return (base.endsWith("/") ? base : base + "/") + roomName(roomOf(user));
  }

  /**
   * A Yjs client id for global user {@code user}: 32 bits as Yjs draws them, spread by a mix of the
   * seed so that runs with different seeds never reuse a client id in a room.
   */
  public long clientIdOf(long user) {
    long z = seed * 0x9E3779B97F4A7C15L + user;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    long id = z & 0xFFFFFFFFL;
    return id == 0 ? 1 : id;
  }
}
