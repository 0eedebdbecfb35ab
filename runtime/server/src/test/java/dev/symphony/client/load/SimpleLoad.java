package dev.symphony.client.load;

import dev.symphony.client.RoomClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simple load client until the Gatling harness exists: {@code rooms x usersPerRoom} users, each a
 * {@link RoomClient} with its own document, typing (one text insert per interval) and moving its
 * cursor (presence updates). Reports the server's CPU and memory from /proc when given its pid, and
 * how long presence updates take to reach the other users of a room.
 *
 * <pre>
 * java -cp ... dev.symphony.client.load.SimpleLoad --url ws://127.0.0.1:1234 --rooms 60 \
 *     --users 4 --updates 1 --presence 5 --warmup 20 --seconds 60 --server-pid 1234
 * </pre>
 */
public final class SimpleLoad {

  private static final Pattern SENT_AT = Pattern.compile("\"t\":(\\d+)");

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    URI url = URI.create(options.getOrDefault("url", "ws://127.0.0.1:1234"));
    int rooms = Integer.parseInt(options.getOrDefault("rooms", "60"));
    int usersPerRoom = Integer.parseInt(options.getOrDefault("users", "4"));
    double updatesPerSecond = Double.parseDouble(options.getOrDefault("updates", "1"));
    double presencePerSecond = Double.parseDouble(options.getOrDefault("presence", "5"));
    int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "20"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    long serverPid = Long.parseLong(options.getOrDefault("server-pid", "0"));
    String prefix = options.getOrDefault("prefix", "load-" + System.currentTimeMillis());

    List<RoomClient> clients = new ArrayList<>();
    Latencies latencies = new Latencies();
    for (int r = 0; r < rooms; r++) {
      for (int u = 0; u < usersPerRoom; u++) {
        RoomClient client = RoomClient.connect(url, prefix + "-room-" + r);
        clients.add(client);
        Map<Long, Long> lastSeen = new ConcurrentHashMap<>();
        client.onPresenceChange(states -> latencies.record(client.clientId(), states, lastSeen));
      }
    }
    for (RoomClient client : clients) {
      client.synced().get(60, TimeUnit.SECONDS);
    }
    System.out.printf("%d users in %d rooms connected and synced%n", clients.size(), rooms);

    AtomicLong updates = new AtomicLong();
    AtomicLong presence = new AtomicLong();
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    long updatePeriod = Math.round(1_000_000 / updatesPerSecond);
    long presencePeriod = Math.round(1_000_000 / presencePerSecond);
    for (int i = 0; i < clients.size(); i++) {
      RoomClient client = clients.get(i);
      String user = "user-" + i;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      timers.scheduleAtFixedRate(
          () -> {
            updates.incrementAndGet();
            client.change(
                d -> {
                  var text = d.getText("text");
                  int at = ThreadLocalRandom.current().nextInt(text.length() + 1);
                  text.insert(at, user.substring(0, 1) + ThreadLocalRandom.current().nextInt(10));
                });
          },
          random.nextLong(updatePeriod),
          updatePeriod,
          TimeUnit.MICROSECONDS);
      AtomicLong cursor = new AtomicLong();
      timers.scheduleAtFixedRate(
          () -> {
            presence.incrementAndGet();
            client.setPresence(
                "{\"user\":{\"name\":\""
                    + user
                    + "\",\"color\":\"#3af\"},\"cursor\":"
                    + cursor.incrementAndGet()
                    + ",\"t\":"
                    + System.currentTimeMillis()
                    + "}");
          },
          random.nextLong(presencePeriod),
          presencePeriod,
          TimeUnit.MICROSECONDS);
    }

    System.out.printf("warming up for %d s%n", warmupSeconds);
    Thread.sleep(warmupSeconds * 1000L);
    latencies.reset();
    long updatesBefore = updates.get();
    long presenceBefore = presence.get();
    ProcessStats start = serverPid > 0 ? ProcessStats.of(serverPid) : null;
    long maxRss = 0;
    List<Double> cpuSamples = new ArrayList<>();
    ProcessStats previous = start;
    for (int elapsed = 5; elapsed <= seconds; elapsed += 5) {
      Thread.sleep(5_000);
      if (start != null) {
        ProcessStats now = ProcessStats.of(serverPid);
        maxRss = Math.max(maxRss, now.rssKiB());
        cpuSamples.add(now.cpuPercentSince(previous));
        System.out.printf(
            "  %3d s: server cpu %5.1f%% of one core, rss %d MiB%n",
            elapsed, now.cpuPercentSince(previous), now.rssKiB() / 1024);
        previous = now;
      }
    }
    double measured = seconds;
    System.out.printf(
        "load: %d users, %.0f updates/s and %.0f presence updates/s sent%n",
        clients.size(),
        (updates.get() - updatesBefore) / measured,
        (presence.get() - presenceBefore) / measured);
    if (start != null) {
      ProcessStats end = ProcessStats.of(serverPid);
      System.out.printf(
          "server: cpu %.1f%% of one core (mean over %d s; 5 s samples %s), rss %d MiB at end, max %d"
              + " MiB%n",
          end.cpuPercentSince(start),
          seconds,
          cpuSamples.stream().map(c -> String.format("%.0f", c)).toList(),
          end.rssKiB() / 1024,
          Math.max(maxRss, end.rssKiB()) / 1024);
    }
    System.out.println(
        "presence fan-out latency (sender to each other user): " + latencies.summary());

    timers.shutdownNow();
    for (RoomClient client : clients) {
      client.close();
    }
    System.exit(0);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }

  /** Presence delivery times, from the timestamp the sender put into its state. */
  private static final class Latencies {
    private final List<Long> millis = new ArrayList<>();

    void record(long self, Map<Long, String> states, Map<Long, Long> lastSeen) {
      long now = System.currentTimeMillis();
      states.forEach(
          (clientId, json) -> {
            if (clientId == self) {
              return;
            }
            Matcher m = SENT_AT.matcher(json);
            if (m.find()) {
              long sentAt = Long.parseLong(m.group(1));
              Long previous = lastSeen.put(clientId, sentAt);
              if (previous == null || previous != sentAt) {
                synchronized (this) {
                  millis.add(now - sentAt);
                }
              }
            }
          });
    }

    synchronized void reset() {
      millis.clear();
    }

    synchronized String summary() {
      if (millis.isEmpty()) {
        return "no samples";
      }
      long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      return String.format(
          "n=%d p50=%d ms p99=%d ms max=%d ms",
          sorted.length,
          sorted[sorted.length / 2],
          sorted[(int) (sorted.length * 0.99)],
          sorted[sorted.length - 1]);
    }
  }

  private SimpleLoad() {}
}
