// A stand-in for Symphony's /metrics, for the live Prometheus test: every metric of METRICS.md in
// Prometheus text format, with the tags the table lists, counters and histograms that grow with time.
// It checks the dashboards' queries against a real Prometheus; the Java test does the same against a
// real Symphony.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Contract, ContractMetric } from "../src/contract";

/** Sample values for tags whose values METRICS.md does not list. */
const SAMPLE_VALUES: Record<string, string[]> = {
  type: ["sync_update", "awareness"],
  reason: ["auth", "rate_limit"],
  room: ["room-1", "room-2"],
  orchestrator: ["local-process"],
  id: ["G1 Eden Space"],
};

const BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];
const SHARE_BELOW = [0.1, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99, 1];

function labelSets(metric: ContractMetric): Record<string, string>[] {
  let sets: Record<string, string>[] = [{}];
  for (const tag of metric.tags) {
    const values = metric.tagValues[tag] ?? SAMPLE_VALUES[tag] ?? [`${tag}-1`, `${tag}-2`];
    sets = sets.flatMap((set) => values.map((value) => ({ ...set, [tag]: value })));
  }
  return sets;
}

const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const render = (labels: Record<string, string>) =>
  "{" + Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`).join(",") + "}";

/** The exposition text of one process: `topology` and `node` are its common tags. */
export function exposition(contract: Contract, common: Record<string, string>, seconds: number): string {
  const out: string[] = [];
  for (const metric of contract.metrics.values()) {
    const sets = labelSets(metric).map((tags, i) => ({ labels: { ...common, ...tags }, weight: i + 1 }));
    if (metric.type === "gauge") {
      out.push(`# TYPE ${metric.name} gauge`);
      for (const { labels, weight } of sets) {
        const value = metric.name === "process_cpu_usage" ? 0.05 * weight : 3 * weight + Math.floor(seconds) % 2;
        out.push(`${metric.name}${render(labels)} ${value}`);
      }
    } else if (metric.type === "counter") {
      out.push(`# TYPE ${metric.name} counter`);
      for (const { labels, weight } of sets) out.push(`${metric.name}${render(labels)} ${Math.floor(seconds * 10 * weight)}`);
    } else {
      out.push(`# TYPE ${metric.name} histogram`);
      for (const { labels, weight } of sets) {
        const count = Math.floor(seconds * 20 * weight);
        if (metric.histogram) {
          BUCKETS.forEach((le, i) => out.push(`${metric.name}_bucket${render({ ...labels, le: String(le) })} ${Math.floor(count * SHARE_BELOW[i])}`));
          out.push(`${metric.name}_bucket${render({ ...labels, le: "+Inf" })} ${count}`);
        }
        out.push(`${metric.name}_count${render(labels)} ${count}`);
        out.push(`${metric.name}_sum${render(labels)} ${(count * 0.004).toFixed(6)}`);
      }
      out.push(`# TYPE ${metric.name}_max gauge`);
      for (const { labels } of sets) out.push(`${metric.name}_max${render(labels)} 0.2`);
    }
  }
  return out.join("\n") + "\n";
}

/**
 * One fake process on 127.0.0.1 (a free port): GET /<topology> answers as a process of that topology,
 * GET /k8s as a single-node process (for the Kubernetes relabelling test).
 */
export async function startFakeProcess(contract: Contract, node: string, topologies: readonly string[]): Promise<{ server: Server; port: number }> {
  const started = Date.now();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0].slice(1);
    const topology = path === "k8s" ? "single-node" : path;
    if (!topologies.includes(topology)) {
      res.writeHead(404).end();
      return;
    }
    const body = exposition(contract, { topology, node }, (Date.now() - started) / 1000 + 60);
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
