// Reads the metric-name contract (METRICS.md, a markdown table) into a structure the generator and the
// tests share. The table is the single source of truth: a name the dashboards use must be listed there.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type MetricType = "gauge" | "counter" | "timer";

export interface ContractMetric {
  /** the name as the table lists it (for timers: the base name, without `_bucket`/`_count`/...) */
  name: string;
  type: MetricType;
  /** tag names of this metric, besides the common tags */
  tags: string[];
  /** known values per tag, where the table lists them in parentheses */
  tagValues: Record<string, string[]>;
  /** true where the type column says `timer (histogram)`: `_bucket` series exist */
  histogram: boolean;
}

export interface Contract {
  metrics: Map<string, ContractMetric>;
  /** tags on every series (`instance`, `topology`, `node`) */
  commonTags: string[];
  /** known values of common tags (for `topology`) */
  commonTagValues: Record<string, string[]>;
}

/** The folder of the npm project (`dashboards/`), from a compiled file under `target/js/...`. */
export function projectDir(): string {
  // compiled layout: dashboards/target/js/src/contract.js
  return join(__dirname, "..", "..", "..");
}

export function contractPath(): string {
  return join(projectDir(), "METRICS.md");
}

/**
 * Parses the tags column (or the common-tags sentence): backticked names outside parentheses are tag
 * names; backticked words inside the parentheses that follow a tag name are its known values.
 */
function parseTags(text: string): { tags: string[]; values: Record<string, string[]> } {
  const tags: string[] = [];
  const values: Record<string, string[]> = {};
  let depth = 0;
  let current: string | undefined;
  const re = /`([^`]+)`|\(|\)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === "(") {
      depth++;
    } else if (m[0] === ")") {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      current = m[1];
      tags.push(current);
    } else if (current !== undefined) {
      (values[current] ??= []).push(m[1]);
    }
  }
  return { tags, values };
}

export function parseContract(markdown: string): Contract {
  const metrics = new Map<string, ContractMetric>();
  let commonTags: string[] = [];
  let commonTagValues: Record<string, string[]> = {};
  const lines = markdown.split(/\r?\n/);
  lines.forEach((line, at) => {
    if (!/^Common tags/i.test(line.trim())) return;
    // the sentence runs to the end of its paragraph
    let paragraph = line;
    for (let i = at + 1; i < lines.length && lines[i].trim() !== ""; i++) paragraph += " " + lines[i];
    const parsed = parseTags(paragraph.slice(paragraph.indexOf(":") + 1));
    commonTags = parsed.tags;
    commonTagValues = parsed.values;
  });
  for (const line of lines) {
    const row = /^\|\s*`([a-zA-Z_:][a-zA-Z0-9_:]*)`\s*\|([^|]*)\|([^|]*)\|/.exec(line);
    if (!row) continue;
    const [, name, typeText, tagText] = row;
    const t = typeText.trim().toLowerCase();
    let type: MetricType;
    if (t.startsWith("gauge")) type = "gauge";
    else if (t.startsWith("counter")) type = "counter";
    else if (t.startsWith("timer")) type = "timer";
    else throw new Error(`METRICS.md: unknown type '${typeText.trim()}' for ${name}`);
    if (metrics.has(name)) throw new Error(`METRICS.md: ${name} listed twice`);
    const { tags, values } = parseTags(tagText);
    metrics.set(name, { name, type, tags, tagValues: values, histogram: type === "timer" && t.includes("histogram") });
  }
  if (metrics.size === 0) throw new Error("METRICS.md: no metric table found");
  if (commonTags.length === 0) throw new Error("METRICS.md: no 'Common tags' line found");
  return { metrics, commonTags, commonTagValues };
}

export function loadContract(path = contractPath()): Contract {
  return parseContract(readFileSync(path, "utf8"));
}

/** The series names Prometheus stores for one contract metric (Micrometer's Prometheus naming). */
export function seriesNames(metric: ContractMetric): string[] {
  if (metric.type !== "timer") return [metric.name];
  const names = [`${metric.name}_count`, `${metric.name}_sum`, `${metric.name}_max`];
  if (metric.histogram) names.push(`${metric.name}_bucket`);
  return names;
}

/** Maps every series name a dashboard may use to the contract metric it belongs to. */
export function seriesIndex(contract: Contract): Map<string, ContractMetric> {
  const index = new Map<string, ContractMetric>();
  for (const metric of contract.metrics.values()) {
    for (const series of seriesNames(metric)) index.set(series, metric);
  }
  return index;
}
