// Every generated dashboard is a well-formed Grafana dashboard: data sources on panels and targets,
// an expression on every target, unique panel ids, a sane grid, and only variables that exist.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { panelsOf } from "../src/build";
import { analyze, analyzeVariableQuery, variableRefs } from "../src/promql";
import { allStrings, generatedDashboards, type Json } from "./helpers";

const dashboards = generatedDashboards();

test("the four dashboards are generated", () => {
  assert.deepEqual(
    dashboards.map((d) => d.file),
    ["symphony-overview.json", "symphony-pubsub-redis.json", "symphony-room-per-pod.json", "symphony-room.json"],
  );
  const uids = dashboards.map((d) => d.json.uid);
  const titles = dashboards.map((d) => d.json.title);
  assert.equal(new Set(uids).size, uids.length, "dashboard uids must be unique");
  assert.equal(new Set(titles).size, titles.length, "dashboard titles must be unique");
});

const variablesOf = (dashboard: Json): Json[] => dashboard.templating?.list ?? [];

for (const { file, json: dashboard } of dashboards) {
  describe(file, () => {
    const panels = panelsOf(dashboard);
    const rows = (dashboard.panels ?? []).filter((p: Json) => p.type === "row");
    const variables = variablesOf(dashboard);
    const variableNames = variables.map((v) => v.name);

    test("dashboard fields", () => {
      assert.equal(`${dashboard.uid}.json`, file, "file name is <uid>.json");
      assert.match(dashboard.uid, /^[a-zA-Z0-9_-]{1,40}$/, "uid: at most 40 of [a-zA-Z0-9_-]");
      assert.ok(typeof dashboard.title === "string" && dashboard.title.length > 0, "title");
      assert.equal(typeof dashboard.schemaVersion, "number", "schemaVersion");
      assert.ok(dashboard.tags.includes("symphony"), "tagged symphony (the dashboard links list by it)");
      assert.equal(dashboard.id, undefined, "no database id in provisioned JSON");
      assert.ok(panels.length > 0, "has panels");
    });

    test("panel ids are unique positive integers", () => {
      const ids = [...rows, ...panels].map((p: Json) => p.id);
      for (const id of ids) assert.ok(Number.isInteger(id) && id > 0, `bad panel id ${id}`);
      assert.equal(new Set(ids).size, ids.length, `duplicate panel ids: ${ids}`);
    });

    test("panels lie on the 24-column grid without overlapping", () => {
      const boxes = [...rows, ...panels].map((p: Json) => ({ title: p.title, ...p.gridPos }));
      for (const b of boxes) {
        for (const k of ["x", "y", "w", "h"]) assert.ok(Number.isInteger(b[k]) && b[k] >= 0, `${b.title}: gridPos.${k}`);
        assert.ok(b.w > 0 && b.h > 0 && b.x + b.w <= 24, `${b.title}: gridPos ${JSON.stringify(b)}`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          assert.ok(!overlap, `panels '${a.title}' and '${b.title}' overlap`);
        }
      }
    });

    test("every panel has a Prometheus data source and targets with an expression", () => {
      for (const panel of panels) {
        const where = `panel ${panel.id} '${panel.title}'`;
        assert.ok(panel.title, `${where}: title`);
        assert.ok(panel.type, `${where}: type`);
        assert.equal(panel.datasource?.type, "prometheus", `${where}: datasource.type`);
        assert.ok(panel.datasource?.uid, `${where}: datasource.uid`);
        assert.ok(Array.isArray(panel.targets) && panel.targets.length > 0, `${where}: targets`);
        const refIds = panel.targets.map((t: Json) => t.refId);
        assert.equal(new Set(refIds).size, refIds.length, `${where}: duplicate refIds`);
        for (const target of panel.targets) {
          assert.ok(typeof target.refId === "string" && target.refId.length > 0, `${where}: refId`);
          assert.ok(typeof target.expr === "string" && target.expr.trim().length > 0, `${where}: target ${target.refId} has no expr`);
          assert.deepEqual(target.datasource, panel.datasource, `${where}: target ${target.refId} datasource`);
          assert.doesNotThrow(() => analyze(target.expr), `${where}: expr does not scan: ${target.expr}`);
        }
      }
    });

    test("data source references name a datasource variable", () => {
      for (const { path, text } of allStrings(dashboard)) {
        if (!path.endsWith(".datasource.uid") || !text.startsWith("$")) continue;
        const [name] = variableRefs(text);
        const variable = variables.find((v) => v.name === name);
        assert.equal(variable?.type, "datasource", `${path}: ${text} is not a datasource variable`);
        assert.equal(variable?.query, "prometheus", `${path}: the datasource variable must list Prometheus data sources`);
      }
    });

    test("every variable referenced exists (and is defined before the variables that use it)", () => {
      assert.equal(new Set(variableNames).size, variableNames.length, "variable names are unique");
      for (const { path, text } of allStrings(dashboard)) {
        for (const name of variableRefs(text)) {
          if (name.startsWith("__")) continue; // Grafana built-ins: $__rate_interval, $__range, $__all, ...
          assert.ok(variableNames.includes(name), `${path} uses $${name}, which is not a variable of the dashboard`);
        }
      }
      variables.forEach((variable, index) => {
        const text = JSON.stringify([variable.query, variable.datasource, variable.definition ?? ""]);
        for (const name of variableRefs(text)) {
          if (name.startsWith("__")) continue;
          const at = variableNames.indexOf(name);
          assert.ok(at >= 0 && at < index, `variable ${variable.name} uses $${name}, defined after it`);
        }
      });
    });

    test("query variables are well-formed", () => {
      for (const variable of variables.filter((v) => v.type === "query")) {
        assert.equal(variable.datasource?.type, "prometheus", `${variable.name}: datasource`);
        assert.ok(typeof variable.query === "string" && variable.query.length > 0, `${variable.name}: query`);
        assert.doesNotThrow(() => analyzeVariableQuery(variable.query), `${variable.name}: query does not scan`);
        if (variable.includeAll) assert.equal(variable.allValue, ".*", `${variable.name}: "All" must match everything`);
      }
    });

    test("legend labels are labels the query keeps", () => {
      for (const panel of panels) {
        for (const target of panel.targets) {
          const used = [...(target.legendFormat ?? "").matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]);
          const labels = analyze(target.expr).labels;
          for (const label of used) {
            assert.ok(labels.includes(label), `panel '${panel.title}' ${target.refId}: legend uses {{${label}}} but the query does not group by it`);
          }
        }
      }
    });
  });
}

test("the variables the brief asks for", () => {
  const byUid = new Map(dashboards.map((d) => [d.json.uid, d.json]));
  const names = (uid: string) => variablesOf(byUid.get(uid)!).map((v) => v.name);
  assert.deepEqual(names("symphony-overview"), ["datasource", "topology", "instance"]);
  assert.deepEqual(names("symphony-room"), ["datasource", "room"]);
  const roomVariable = variablesOf(byUid.get("symphony-room")!).find((v) => v.name === "room")!;
  assert.equal(roomVariable.query, "label_values(symphony_room_connections, room)");
  for (const { json } of dashboards) assert.equal(variablesOf(json)[0].type, "datasource", `${json.uid}: datasource variable first`);
});
