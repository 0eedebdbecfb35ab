// The dashboards name only metrics (and labels, and label values) that METRICS.md lists, every listed
// metric appears on some dashboard, and generated/metrics-used.json is the exact list of names used.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { panelsOf, variableMetricsOf } from "../src/build";
import { loadContract, parseContract, seriesIndex, seriesNames } from "../src/contract";
import { analyze, analyzeVariableQuery, tokenize } from "../src/promql";
import { generatedDashboards, readGenerated } from "./helpers";

const contract = loadContract();
const index = seriesIndex(contract);
const dashboards = generatedDashboards();

interface Expr {
  where: string;
  expr: string;
  variable: boolean;
}

const expressions: Expr[] = dashboards.flatMap(({ file, json }) => [
  ...panelsOf(json).flatMap((panel) =>
    panel.targets.map((t: any) => ({ where: `${file} panel '${panel.title}' ${t.refId}`, expr: t.expr, variable: false })),
  ),
  ...(json.templating?.list ?? [])
    .filter((v: any) => v.type === "query")
    .map((v: any) => ({ where: `${file} variable ${v.name}`, expr: v.query, variable: true })),
]);

const analysisOf = (e: Expr) => (e.variable ? analyzeVariableQuery(e.expr) : analyze(e.expr));

describe("METRICS.md", () => {
  test("parses into the contract table", () => {
    assert.ok(contract.metrics.size >= 20, `only ${contract.metrics.size} metrics parsed`);
    assert.deepEqual(contract.commonTags, ["instance", "topology", "node"]);
    assert.deepEqual(contract.commonTagValues.topology, ["single-node", "pubsub-redis", "room-per-pod"]);
    const lag = contract.metrics.get("symphony_backplane_lag_seconds")!;
    assert.equal(lag.type, "timer");
    assert.equal(lag.histogram, true);
    assert.deepEqual(contract.metrics.get("symphony_backplane_messages_total")!.tagValues, { direction: ["published", "received"] });
    for (const name of contract.metrics.keys()) assert.match(name, /^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
  });

  test("timers export _count, _sum, _max and, with histograms, _bucket", () => {
    const m = parseContract(
      "Common tags on every series: `instance`.\n| `a_seconds` | timer (histogram) | | x |\n| `b_seconds` | timer | | y |\n",
    );
    assert.deepEqual(seriesNames(m.metrics.get("a_seconds")!), ["a_seconds_count", "a_seconds_sum", "a_seconds_max", "a_seconds_bucket"]);
    assert.deepEqual(seriesNames(m.metrics.get("b_seconds")!), ["b_seconds_count", "b_seconds_sum", "b_seconds_max"]);
  });
});

describe("PromQL scanner", () => {
  test("finds metrics, not functions, aggregations, keywords or labels", () => {
    const a = analyze(
      'histogram_quantile(0.99, sum by (le, node) (rate(x_seconds_bucket{topology="pubsub-redis", node=~"$node"}[$__rate_interval]))) > bool 0 or on (node) vector(1) unless y_total offset 5m',
    );
    assert.deepEqual(a.metrics, ["x_seconds_bucket", "y_total"]);
    assert.deepEqual(a.labels, ["le", "node", "topology"]);
    assert.deepEqual(a.variables, ["__rate_interval", "node"]);
    assert.deepEqual(a.equalities, [{ metric: "x_seconds_bucket", label: "topology", value: "pubsub-redis" }]);
  });

  test("aggregations with a leading by clause and subqueries", () => {
    const a = analyze('max_over_time(sum without (instance) (m{room="$room"})[$__range:]) / count by (room) (n)');
    assert.deepEqual(a.metrics, ["m", "n"]);
    assert.deepEqual(a.labels, ["instance", "room"]);
  });

  test("variable queries", () => {
    assert.deepEqual(analyzeVariableQuery('label_values(m{topology=~"$topology"}, instance)').metrics, ["m"]);
    assert.deepEqual(analyzeVariableQuery('label_values(m{topology=~"$topology"}, instance)').labels, ["instance", "topology"]);
    assert.deepEqual(analyzeVariableQuery("label_values(room)").metrics, []);
  });

  test("rejects what it cannot read", () => {
    assert.throws(() => analyze("sum(m"));
    assert.throws(() => analyze('m{a="b}'));
    assert.throws(() => analyze("m{a}"));
    assert.throws(() => tokenize("m ; n"));
  });
});

describe("the dashboards against METRICS.md", () => {
  test("every metric name in any expression is in METRICS.md", () => {
    const problems: string[] = [];
    for (const e of expressions) {
      for (const name of analysisOf(e).metrics) {
        if (!index.has(name)) problems.push(`${e.where}: ${name} (not in METRICS.md)`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test("every label an expression matches or groups on belongs to its metrics", () => {
    const problems: string[] = [];
    for (const e of expressions) {
      const a = analysisOf(e);
      const allowed = new Set(contract.commonTags);
      for (const name of a.metrics) {
        for (const tag of index.get(name)?.tags ?? []) allowed.add(tag);
        if (name.endsWith("_bucket")) allowed.add("le");
      }
      for (const label of a.labels) if (!allowed.has(label)) problems.push(`${e.where}: label ${label}`);
    }
    assert.deepEqual(problems, []);
  });

  test("fixed label values are values METRICS.md lists", () => {
    const problems: string[] = [];
    for (const e of expressions) {
      for (const { metric, label, value } of analysisOf(e).equalities) {
        if (value.includes("$")) continue;
        const known = index.get(metric)?.tagValues[label] ?? contract.commonTagValues[label];
        if (known && !known.includes(value)) problems.push(`${e.where}: ${label}="${value}" (known: ${known.join(", ")})`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test("every metric of METRICS.md is on some dashboard", () => {
    const used = new Set(expressions.flatMap((e) => analysisOf(e).metrics));
    const unused = [...contract.metrics.values()].filter((m) => !seriesNames(m).some((s) => used.has(s))).map((m) => m.name);
    assert.deepEqual(unused, [], "metrics no dashboard shows");
  });

  test("histogram buckets are only read through rate() inside histogram_quantile()", () => {
    for (const e of expressions) {
      if (!/_bucket\b/.test(e.expr)) continue;
      assert.match(e.expr, /^histogram_quantile\(/, `${e.where}`);
      assert.match(e.expr, /rate\([a-zA-Z_:0-9]+_bucket\{/, `${e.where}`);
    }
  });
});

test("generated/metrics-used.json lists exactly the sorted metric names the dashboards use", () => {
  const listed = readGenerated("metrics-used.json");
  const fromPanels = expressions.filter((e) => !e.variable).flatMap((e) => analyze(e.expr).metrics);
  const fromVariables = dashboards.flatMap((d) => variableMetricsOf(d.json));
  const expected = [...new Set([...fromPanels, ...fromVariables])].sort();
  assert.deepEqual(listed, expected);
  assert.deepEqual(listed, [...listed].sort());
});

test("generated/queries.json lists every panel query", () => {
  const { queries } = readGenerated("queries.json");
  const panelExprs = expressions.filter((e) => !e.variable).map((e) => e.expr).sort();
  assert.deepEqual(queries.map((q: any) => q.expr).sort(), panelExprs);
  for (const q of queries) {
    assert.ok(q.topologies.length > 0 && q.topologies.every((t: string) => contract.commonTagValues.topology.includes(t)), q.expr);
  }
});
