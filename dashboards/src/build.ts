// `npm run build`: writes the dashboards and the machine-readable lists into generated/.
//   generated/grafana/<uid>.json   the Grafana dashboards (what the provisioning provider loads)
//   generated/metrics-used.json    sorted series names the dashboards query
//   generated/queries.json         every query: dashboard, panel, expression, metrics, topologies
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { canonicalJson } from "./canonical-json";
import { loadContract, projectDir, seriesIndex } from "./contract";
import { overview } from "./dashboards/overview";
import { pubsubRedis } from "./dashboards/pubsub-redis";
import { room } from "./dashboards/room";
import { roomPerPod } from "./dashboards/room-per-pod";
import { analyze, analyzeVariableQuery } from "./promql";

export const TOPOLOGIES = ["single-node", "pubsub-redis", "room-per-pod"] as const;

export interface DashboardSpec {
  /** the topologies whose processes export what this dashboard queries */
  topologies: readonly string[];
  build: () => Dashboard;
}

export const DASHBOARDS: DashboardSpec[] = [
  { topologies: TOPOLOGIES, build: overview },
  { topologies: TOPOLOGIES, build: room },
  { topologies: ["pubsub-redis"], build: pubsubRedis },
  { topologies: ["room-per-pod"], build: roomPerPod },
];

export const GENERATED_DIR = "generated";
export const GRAFANA_SUBDIR = "grafana";

/** A Prometheus query as it appears in a generated dashboard. */
export interface QueryEntry {
  dashboard: string;
  panelId: number;
  panel: string;
  refId: string;
  expr: string;
  legendFormat: string;
  instant: boolean;
  metrics: string[];
  variables: string[];
  topologies: string[];
}

type Json = Record<string, any>;

/** All non-row panels of a dashboard JSON, rows' nested panels included. */
export function panelsOf(dashboard: Json): Json[] {
  const out: Json[] = [];
  for (const panel of dashboard.panels ?? []) {
    if (panel.type === "row") out.push(...(panel.panels ?? []));
    else out.push(panel);
  }
  return out;
}

export function queriesOf(dashboard: Json, topologies: readonly string[]): QueryEntry[] {
  const entries: QueryEntry[] = [];
  for (const panel of panelsOf(dashboard)) {
    for (const target of panel.targets ?? []) {
      const analysis = analyze(target.expr);
      entries.push({
        dashboard: dashboard.uid,
        panelId: panel.id,
        panel: panel.title,
        refId: target.refId,
        expr: target.expr,
        legendFormat: target.legendFormat ?? "",
        instant: target.instant === true && target.range !== true,
        metrics: analysis.metrics,
        variables: analysis.variables,
        topologies: [...topologies],
      });
    }
  }
  return entries;
}

/** Metric names the query variables of a dashboard select (`label_values(metric{...}, label)`). */
export function variableMetricsOf(dashboard: Json): string[] {
  const names = new Set<string>();
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type !== "query") continue;
    const query = typeof variable.query === "string" ? variable.query : variable.query?.query;
    for (const name of analyzeVariableQuery(query).metrics) names.add(name);
  }
  return [...names].sort();
}

/** Renders every generated file: path relative to generated/ -> exact file content. */
export function renderAll(): Map<string, string> {
  const files = new Map<string, string>();
  const queries: QueryEntry[] = [];
  const variableMetrics = new Set<string>();
  const contractSeries = seriesIndex(loadContract());
  for (const spec of DASHBOARDS) {
    const dashboard = JSON.parse(JSON.stringify(spec.build())) as Json;
    const path = `${GRAFANA_SUBDIR}/${dashboard.uid}.json`;
    if (files.has(path)) throw new Error(`two dashboards with uid ${dashboard.uid}`);
    files.set(path, canonicalJson(dashboard));
    queries.push(...queriesOf(dashboard, spec.topologies));
    for (const name of variableMetricsOf(dashboard)) variableMetrics.add(name);
  }
  const used = [...new Set([...queries.flatMap((query) => query.metrics), ...variableMetrics])].sort();
  const unknown = used.filter((name) => !contractSeries.has(name));
  if (unknown.length > 0) throw new Error(`metrics not in METRICS.md: ${unknown.join(", ")}`);
  files.set("metrics-used.json", canonicalJson(used));
  files.set(
    "queries.json",
    canonicalJson({
      about:
        "Every Prometheus query of the generated Grafana dashboards. Before sending one to Prometheus, replace the Grafana variables: $__rate_interval and $__range by a duration (e.g. 1m), multi-value variables ($topology, $instance, $node, $orchestrator) by .*, and $room by a room id.",
      queries,
    }),
  );
  return files;
}

/** The files under generated/ now (paths relative to it). */
export function existingFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return out.sort();
}

function main(): void {
  const outDir = join(projectDir(), GENERATED_DIR);
  const files = renderAll();
  for (const stale of existingFiles(outDir)) {
    if (!files.has(stale)) {
      rmSync(join(outDir, stale));
      console.log(`removed ${GENERATED_DIR}/${stale}`);
    }
  }
  for (const [path, content] of files) {
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${GENERATED_DIR}/${path}`);
  }
}

if (require.main === module) main();
