package dev.symphony.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.symphony.load.measure.Measurements;
import dev.symphony.load.measure.RunResults;
import dev.symphony.load.protocol.Protocol;
import dev.symphony.load.user.MicroClock;
import dev.symphony.load.user.RoomLedger;
import dev.symphony.load.user.VirtualUser;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The design documents' experiment as a Gatling simulation: users join rooms of {@code
 * usersPerRoom}, each makes real Yjs edits and presence updates at the configured rates until a
 * common deadline (ramp + settle + duration after the start), keeps reading for the drain period,
 * then leaves. Gatling measures connect and initial sync; the virtual users measure fan-out latency
 * and loss into {@link Measurements}, written as JSON when the simulation ends.
 */
public class YjsRoomsSimulation extends Simulation {

  private static final String VU = "vu";
  private static final String STEP2 = "syncStep2";
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
  private static final Duration LAG_PROBE_EVERY = Duration.ofMillis(20);

  private final SimulationSettings settings = SimulationSettings.fromSystemProperties();
  private final Protocol protocol = settings.protocol();
  private final long startMillis = System.currentTimeMillis();

  /** The judged window opens once all users are in and the settle period has passed. */
  private final long steadyFromMicros =
      (startMillis + settings.ramp().toMillis() + settings.settle().toMillis()) * 1000;

  private final long sendUntilMicros = steadyFromMicros + settings.duration().toMillis() * 1000;
  private final long drainUntilMicros = sendUntilMicros + settings.drain().toMillis() * 1000;
  private final Measurements measurements = new Measurements(startMillis, steadyFromMicros);
  private final Map<Long, RoomLedger> ledgers = new ConcurrentHashMap<>();
  private final AtomicLong nextLocalUser = new AtomicLong();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
          });

  {
    ScenarioBuilder rooms =
        scenario("y-websocket rooms (" + protocol.id() + ")")
            .exec(this::newVirtualUser)
            .exec(connectAndSync())
            .exitHereIfFailed()
            .exec(collaborate())
            .exec(leave());

    int users = settings.profile().users();
    OpenInjectionStep injection =
        settings.ramp().isZero() ? atOnceUsers(users) : rampUsers(users).during(settings.ramp());
    setUp(rooms.injectOpen(injection))
        .protocols(http.wsUnmatchedInboundMessageBufferSize(10_000))
        .maxDuration(hardLimit());
  }

  /** Nothing may run forever: the run's own length plus generous slack for connects and drain. */
  private Duration hardLimit() {
    return settings
        .ramp()
        .plus(settings.settle())
        .plus(settings.duration())
        .plus(settings.drain())
        .plus(settings.syncTimeout().multipliedBy(2))
        .plus(Duration.ofSeconds(60));
  }

  private Session newVirtualUser(Session session) {
    long user = settings.userOffset() + nextLocalUser.getAndIncrement();
    long room = settings.roomOf(user);
    VirtualUser vu =
        new VirtualUser(
            user,
            settings.clientIdOf(user),
            settings.roomName(room),
            protocol,
            ledgers.computeIfAbsent(room, r -> new RoomLedger()),
            measurements,
            MicroClock.SYSTEM,
            settings.profile().updatesPerSecond(),
            settings.profile().presencePerSecond(),
            settings.updatePadding());
    return session.set(VU, vu).set("url", settings.urlFor(user));
  }

  private static VirtualUser vu(Session session) {
    return session.get(VU);
  }

  private static long now() {
    return MicroClock.SYSTEM.nowMicros();
  }

  /** Connect, authenticate where the protocol needs it, then sync step 1 until step 2 arrives. */
  private ChainBuilder connectAndSync() {
    ChainBuilder chain = exec(ws("connect").connect(session -> session.getString("url")));
    if (!protocol.handshake("r").isEmpty()) {
      chain =
          chain.exec(
              ws("auth")
                  .sendBytes(session -> vu(session).handshake().get(0))
                  .await(settings.syncTimeout())
                  .on(
                      ws.checkBinaryMessage("authenticated")
                          .matching(bodyBytes().transform(protocol::isHandshakeReply).is(true))
                          .check(bodyBytes().transform(protocol::isGranted).is(true))));
    }
    return chain
        .exec(
            ws("sync step 1")
                .sendBytes(session -> vu(session).syncStep1())
                .await(settings.syncTimeout())
                .on(
                    ws.checkBinaryMessage("initial sync")
                        .matching(bodyBytes().transform(protocol::isSyncStep2).is(true))
                        .check(bodyBytes().saveAs(STEP2))))
        .exec(
            session -> {
              if (session.isFailed() || !session.contains(STEP2)) {
                vu(session).onConnectFailed();
                return session.markAsFailed();
              }
              vu(session).onInitialSync(session.get(STEP2));
              return session.remove(STEP2);
            });
  }

  /**
   * Hands every frame that arrived since the last call to the virtual user. Gatling empties this
   * buffer whenever the user sends, so each send below is preceded by it (both run in one go on the
   * user's event loop, so no frame slips in between).
   */
  private ActionBuilder processInbound() {
    return ws.processUnmatchedMessages(
        (List<WsInboundMessage> messages, Session session) -> {
          VirtualUser vu = vu(session);
          for (WsInboundMessage message : messages) {
            if (message instanceof WsInboundMessage.Binary binary) {
              vu.onFrame(binary.message(), binary.timestamp());
            }
          }
          return session;
        });
  }

  /** Edits and presence at their rates until the common deadline, or until a send fails. */
  private ChainBuilder collaborate() {
    Duration tick = tick();
    return asLongAs(session -> !session.isFailed() && now() < sendUntilMicros)
        .on(
            pace(tick)
                .exec(processInbound())
                .exec(
                    doIf(session -> vu(session).hasReply())
                        .then(
                            exec(processInbound())
                                .exec(
                                    ws("sync reply")
                                        .sendBytes(session -> vu(session).nextReply()))))
                .exec(
                    doIf(session -> vu(session).presenceDue(now()))
                        .then(
                            exec(processInbound())
                                .exec(
                                    ws("presence")
                                        .sendBytes(session -> vu(session).nextPresence()))))
                .exec(
                    doIf(session -> vu(session).updateDue(now()))
                        .then(
                            exec(processInbound())
                                .exec(
                                    ws("update").sendBytes(session -> vu(session).nextUpdate())))));
  }

  /** The loop's period: the shorter of the two message intervals, between 20 ms and 1 s. */
  private Duration tick() {
    double fastest =
        Math.max(settings.profile().updatesPerSecond(), settings.profile().presencePerSecond());
    long millis = fastest > 0 ? Math.round(1000 / fastest) : 1000;
    return Duration.ofMillis(Math.max(20, Math.min(1000, millis)));
  }

  /**
   * A user whose socket broke stops counting at once (a drop, reported apart from loss); the others
   * keep reading until the drain deadline so that late deliveries count, then close.
   */
  private ChainBuilder leave() {
    return exec(session -> {
          if (session.isFailed()) {
            vu(session).finish(true);
          }
          return session;
        })
        .doIf(session -> !session.isFailed())
        .then(
            asLongAs(session -> now() < drainUntilMicros)
                .on(pace(Duration.ofMillis(100)).exec(processInbound()))
                .exec(processInbound())
                .exec(
                    session -> {
                      vu(session).finish(false);
                      return session;
                    })
                .exec(ws("close").close()));
  }

  @Override
  public void before() {
    // a probe that should wake every 20 ms: how late it wakes is how starved the generator is
    long lagPeriodMicros = LAG_PROBE_EVERY.toNanos() / 1000;
    long[] lastRun = {MicroClock.SYSTEM.nowMicros()};
    sampler.scheduleWithFixedDelay(
        () -> {
          long now = MicroClock.SYSTEM.nowMicros();
          if (now >= steadyFromMicros) {
            measurements.recordGeneratorLag(now - lastRun[0] - lagPeriodMicros);
          }
          lastRun[0] = now;
        },
        lagPeriodMicros,
        lagPeriodMicros,
        TimeUnit.MICROSECONDS);
    long period = SAMPLE_EVERY.toMillis();
    long firstDelay = period - (System.currentTimeMillis() % period);
    sampler.scheduleAtFixedRate(
        () -> measurements.sample(System.currentTimeMillis()),
        firstDelay,
        period,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void after() {
    sampler.shutdownNow();
    RunResults results =
        measurements.results(
            new RunResults.Setup(
                protocol.id(),
                settings.targets(),
                settings.profile().users(),
                settings.profile().usersPerRoom(),
                settings.profile().updatesPerSecond(),
                settings.profile().presencePerSecond(),
                (sendUntilMicros / 1000 - startMillis) / 1000.0),
            System.currentTimeMillis());
    try {
      results.write(settings.results());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
