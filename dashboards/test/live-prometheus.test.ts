// With a real Prometheus (Debian's `prometheus`; skipped where none is installed): it scrapes fake
// Symphony processes that export every metric of METRICS.md, and every dashboard query and variable
// query must return data through the HTTP API, with the labels the legends name. It also runs the
// Kubernetes relabelling of prometheus-kubernetes.yml on static stand-ins for discovered pods.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { TOPOLOGIES, panelsOf } from "../src/build";
import { loadContract, projectDir } from "../src/contract";
import { analyzeVariableQuery } from "../src/promql";
import { startFakeProcess } from "./fake-exporter";
import { generatedDashboards } from "./helpers";

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "prometheus";
const available = spawnSync(PROMETHEUS, ["--version"], { stdio: "ignore" }).status === 0;

/** The values a person would pick in Grafana: "All" for multi-value variables, one room. */
const SUBSTITUTIONS: Record<string, string> = {
  __rate_interval: "1m",
  __range: "5m",
  topology: ".*",
  instance: ".*",
  node: ".*",
  orchestrator: ".*",
  room: "room-1",
};

export function substitute(expr: string): string {
  return expr.replace(/\$\{([a-zA-Z0-9_]+)(?::[^}]*)?\}|\$([a-zA-Z0-9_]+)/g, (whole, a, b) => {
    const value = SUBSTITUTIONS[a ?? b];
    if (value === undefined) throw new Error(`no test value for ${whole} in ${expr}`);
    return value;
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a real Prometheus runs every dashboard query", { skip: !available && "prometheus not installed (Debian package prometheus)" }, () => {
  const contract = loadContract();
  const servers: Server[] = [];
  const ports: number[] = [];
  let prometheus: ChildProcess | undefined;
  let log = "";
  let base = "";
  let dir = "";

  async function api(path: string): Promise<any> {
    const res = await fetch(base + path, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as any;
    assert.equal(body.status, "success", `${path}: ${JSON.stringify(body)}`);
    return body.data;
  }

  const query = async (expr: string) => api(`/api/v1/query?query=${encodeURIComponent(expr)}`);

  before(async () => {
    for (const node of ["node-1", "node-2"]) {
      const fake = await startFakeProcess(contract, node, TOPOLOGIES);
      servers.push(fake.server);
      ports.push(fake.port);
    }
    dir = mkdtempSync(join(tmpdir(), "symphony-dashboards-"));
    const targets = ports.map((p) => `127.0.0.1:${p}`);
    const jobs = TOPOLOGIES.map(
      (topology) => `  - job_name: ${topology}\n    metrics_path: /${topology}\n    static_configs:\n      - targets: [${targets.join(", ")}]\n`,
    );
    // Stand-ins for pods that Kubernetes discovery would find, all on 127.0.0.1; only the first should stay.
    const pod = (name: string, meta: Record<string, string>) => {
      const labels = {
        __meta_kubernetes_pod_label_app_kubernetes_io_name: "symphony",
        __meta_kubernetes_pod_label_app_kubernetes_io_component: "room",
        __meta_kubernetes_pod_annotation_prometheus_io_scrape: "true",
        __meta_kubernetes_pod_annotation_prometheus_io_port: String(ports[0]),
        __meta_kubernetes_pod_annotation_prometheus_io_path: "/k8s",
        __meta_kubernetes_pod_phase: "Running",
        __meta_kubernetes_namespace: "symphony",
        __meta_kubernetes_pod_name: name,
        ...meta,
      };
      const lines = Object.entries(labels).map(([k, v]) => `          ${k}: "${v}"`);
      return `      - targets: ["127.0.0.1:${ports[1]}"]\n        labels:\n${lines.join("\n")}\n`;
    };
    const kubernetes = readFileSync(join(projectDir(), "prometheus/prometheus-kubernetes.yml"), "utf8");
    const relabel = kubernetes.slice(kubernetes.indexOf("\n    relabel_configs:\n") + 1);
    const config =
      "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\nscrape_configs:\n" +
      jobs.join("") +
      "  - job_name: kubernetes-pods\n    metrics_path: /metrics\n    static_configs:\n" +
      pod("symphony-room-1", {}) +
      pod("other-app", { __meta_kubernetes_pod_label_app_kubernetes_io_name: "other" }) +
      pod("symphony-not-annotated", { __meta_kubernetes_pod_annotation_prometheus_io_scrape: "false" }) +
      pod("symphony-pending", { __meta_kubernetes_pod_phase: "Pending" }) +
      relabel;
    writeFileSync(join(dir, "prometheus.yml"), config);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    prometheus.stdout!.on("data", (d) => (log += d));
    prometheus.stderr!.on("data", (d) => (log += d));
    // ready, and two scrapes of every job in (rates need two samples)
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (prometheus.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
      try {
        const data = await query("count by (job) (rate(symphony_messages_received_total[1m]))");
        if (data.result.length === TOPOLOGIES.length + 1) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`Prometheus did not scrape the fake processes in time: ${log}`);
      await sleep(500);
    }
  });

  after(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once("exit", resolve));
      prometheus.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (prometheus.exitCode === null) prometheus.kill("SIGKILL");
    }
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const { file, json } of generatedDashboards()) {
    test(`${file}: every panel query returns finite values, with the labels its legend names`, async () => {
      const problems: string[] = [];
      for (const panel of panelsOf(json)) {
        for (const target of panel.targets) {
          const where = `panel '${panel.title}' ${target.refId}: ${target.expr}`;
          const data = await query(substitute(target.expr));
          if (data.resultType !== "vector" || data.result.length === 0) {
            problems.push(`${where}: no data`);
            continue;
          }
          const legend = [...String(target.legendFormat ?? "").matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]);
          for (const series of data.result) {
            if (!Number.isFinite(Number(series.value[1]))) problems.push(`${where}: ${series.value[1]} for ${JSON.stringify(series.metric)}`);
            for (const label of legend) {
              if (!(label in series.metric)) problems.push(`${where}: a series without label ${label}`);
            }
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    test(`${file}: every query variable has values`, async () => {
      for (const variable of json.templating.list.filter((v: any) => v.type === "query")) {
        const m = /^label_values\(\s*(.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(variable.query);
        assert.ok(m, `${variable.name}: expected label_values(selector, label)`);
        analyzeVariableQuery(variable.query);
        const series = await api(`/api/v1/series?match[]=${encodeURIComponent(substitute(m[1]))}`);
        const values = new Set(series.map((s: any) => s[m[2]]).filter((v: unknown) => v !== undefined));
        assert.ok(values.size > 0, `${variable.name}: ${variable.query} has no values`);
        if (variable.name === "topology") assert.deepEqual([...values].sort(), [...TOPOLOGIES].sort());
      }
    });
  }

  test("prometheus-kubernetes.yml keeps only annotated, running Symphony pods, scrapes the annotated port and path, and names instances by pod", async () => {
    const data = await api("/api/v1/targets");
    const active = data.activeTargets.filter((t: any) => t.labels.job === "kubernetes-pods");
    const dropped = data.droppedTargets.filter((t: any) => t.discoveredLabels.job === "kubernetes-pods");
    assert.equal(active.length, 1, JSON.stringify(active));
    assert.equal(dropped.length, 3, JSON.stringify(dropped));
    const [target] = active;
    assert.equal(target.scrapeUrl, `http://127.0.0.1:${ports[0]}/k8s`);
    assert.equal(target.labels.instance, "symphony-room-1");
    assert.equal(target.labels.pod, "symphony-room-1");
    assert.equal(target.labels.namespace, "symphony");
    assert.equal(target.labels.component, "room");
    const up = await query('up{job="kubernetes-pods"}');
    assert.deepEqual(up.result.map((r: any) => r.value[1]), ["1"]);
  });
});
