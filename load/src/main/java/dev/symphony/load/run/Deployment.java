package dev.symphony.load.run;

import dev.symphony.load.protocol.Protocol;
import dev.symphony.load.simulation.SimulationSettings.Spread;
import java.util.ArrayList;
import java.util.List;

/**
 * A started topology: the URLs virtual users connect to, how to spread users over them, the wire
 * protocol, and the processes to sample and stop (stopped in reverse start order).
 */
public record Deployment(
    String topology,
    List<String> targets,
    Spread spread,
    Protocol protocol,
    List<ManagedProcess> processes,
    List<Long> externalPids)
    implements AutoCloseable {

  /** Root pids of the server side, for /proc sampling. */
  public long[] serverPids() {
    List<Long> pids = new ArrayList<>(externalPids);
    processes.forEach(p -> pids.add(p.pid()));
    return pids.stream().mapToLong(Long::longValue).toArray();
  }

  /** Fails when a server process died during the run (a crash is an SLO failure by itself). */
  public List<String> deadProcesses() {
    return processes.stream().filter(p -> !p.isAlive()).map(ManagedProcess::name).toList();
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }
}
