// The Prometheus configurations and the Grafana provisioning files say what the README promises.
// (The live test runs a real Prometheus with them where one is installed.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { GRAFANA_SUBDIR } from "../src/build";
import { projectDir } from "../src/contract";

const read = (path: string) => readFileSync(join(projectDir(), path), "utf8");
const hasCommand = (cmd: string) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;

/** `key: value` of a flat YAML line (enough for these small files; promtool/Grafana parse them for real). */
function yamlValue(text: string, key: string): string[] {
  const re = new RegExp(`^\\s*-?\\s*${key}:\\s*(.*?)\\s*$`, "gm");
  return [...text.matchAll(re)].map((m) => m[1].replace(/^["']|["']$/g, ""));
}

function assertNoTabs(path: string, text: string) {
  assert.ok(!text.includes("\t"), `${path}: YAML must not contain tabs`);
}

describe("prometheus/prometheus-local.yml", () => {
  const path = "prometheus/prometheus-local.yml";
  const text = read(path);

  test("scrapes 127.0.0.1:1234/metrics every 5 s", () => {
    assertNoTabs(path, text);
    assert.deepEqual(yamlValue(text, "scrape_interval"), ["5s"]);
    assert.deepEqual(yamlValue(text, "metrics_path"), ["/metrics"]);
    assert.match(text, /static_configs:\s*\n\s*- targets:\s*\n\s*- 127\.0\.0\.1:1234\s*\n/);
  });

  test("promtool check config accepts it", { skip: !hasCommand("promtool") && "promtool not installed (Debian package prometheus)" }, () => {
    const r = spawnSync("promtool", ["check", "config", join(projectDir(), path)], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe("prometheus/prometheus-kubernetes.yml", () => {
  const path = "prometheus/prometheus-kubernetes.yml";
  const text = read(path);

  test("discovers pods labelled app.kubernetes.io/name=symphony and annotated prometheus.io/scrape", () => {
    assertNoTabs(path, text);
    assert.match(text, /kubernetes_sd_configs:\s*\n\s*- role: pod\b/);
    assert.match(text, /label: app\.kubernetes\.io\/name=symphony/);
    assert.match(
      text,
      /source_labels: \[__meta_kubernetes_pod_label_app_kubernetes_io_name\]\s*\n\s*action: keep\s*\n\s*regex: symphony\s*\n/,
    );
    assert.match(
      text,
      /source_labels: \[__meta_kubernetes_pod_annotation_prometheus_io_scrape\]\s*\n\s*action: keep\s*\n\s*regex: "true"\s*\n/,
    );
    // the live test splices this block into a static configuration: it must close the file
    assert.match(text, /\n {4}relabel_configs:\n(( {6}.*)?\n)+$/, "relabel_configs is the last block of the job");
  });

  test("promtool check config accepts it", { skip: !hasCommand("promtool") && "promtool not installed (Debian package prometheus)" }, (t) => {
    const r = spawnSync("promtool", ["check", "config", join(projectDir(), path)], { encoding: "utf8" });
    const out = r.stdout + r.stderr;
    if (r.status !== 0 && /field kubernetes_sd_configs not found/.test(out)) {
      // Debian builds Prometheus without Kubernetes discovery; the live test checks the relabelling instead
      t.skip("this promtool has no Kubernetes service discovery (Debian's build)");
      return;
    }
    assert.equal(r.status, 0, out);
  });
});

describe("Grafana provisioning", () => {
  const variants: Record<string, string> = { cluster: "http://prometheus:9090", local: "http://127.0.0.1:9090" };
  const grafanaDir = `generated/${GRAFANA_SUBDIR}`;

  for (const [variant, url] of Object.entries(variants)) {
    test(`${variant}: a default Prometheus data source at ${url}`, () => {
      const dir = `provisioning/${variant}/datasources`;
      const files = readdirSync(join(projectDir(), dir)).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
      assert.deepEqual(files, ["symphony-prometheus.yml"]);
      const text = read(`${dir}/${files[0]}`);
      assertNoTabs(dir, text);
      assert.deepEqual(yamlValue(text, "apiVersion"), ["1"]);
      assert.match(text, /^datasources:\s*$/m);
      assert.deepEqual(yamlValue(text, "type"), ["prometheus"]);
      assert.deepEqual(yamlValue(text, "url"), [url]);
      assert.deepEqual(yamlValue(text, "isDefault"), ["true"]);
      assert.deepEqual(yamlValue(text, "uid"), ["symphony-prometheus"]);
    });

    test(`${variant}: a file provider for the generated dashboards`, () => {
      const dir = `provisioning/${variant}/dashboards`;
      const text = read(`${dir}/symphony.yml`);
      assertNoTabs(dir, text);
      assert.deepEqual(yamlValue(text, "apiVersion"), ["1"]);
      assert.match(text, /^providers:\s*$/m);
      assert.deepEqual(yamlValue(text, "type"), ["file"]);
      assert.deepEqual(yamlValue(text, "folder"), ["Symphony"]);
      const [path] = yamlValue(text, "path");
      assert.ok(path === "/var/lib/grafana/dashboards/symphony" || path === "$SYMPHONY_DASHBOARDS_DIR", `path ${path}`);
    });
  }

  test("the generated dashboards folder holds only dashboards (Grafana loads every .json in it)", () => {
    const files = readdirSync(join(projectDir(), grafanaDir));
    assert.ok(files.length > 0);
    for (const f of files) {
      assert.match(f, /\.json$/);
      const json = JSON.parse(read(`${grafanaDir}/${f}`));
      assert.ok(json.uid && json.title && Array.isArray(json.panels), `${f} is not a dashboard`);
    }
  });
});
