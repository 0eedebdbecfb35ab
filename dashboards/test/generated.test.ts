// Regenerating the dashboards gives exactly the committed files: same names, same bytes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { existingFiles, renderAll } from "../src/build";
import { generatedDir } from "./helpers";

test("regenerating gives exactly the committed files (run `npm run build` and commit generated/)", () => {
  const rendered = renderAll();
  const onDisk = existingFiles(generatedDir());
  assert.deepEqual(onDisk, [...rendered.keys()].sort(), "files under generated/ differ from what the build writes");
  for (const [path, content] of rendered) {
    const committed = readFileSync(join(generatedDir(), path), "utf8");
    assert.ok(committed === content, `generated/${path} differs from a fresh build`);
  }
});

test("the build is deterministic (two renders give the same bytes)", () => {
  const a = renderAll();
  const b = renderAll();
  assert.deepEqual([...a.entries()], [...b.entries()]);
});

test("generated JSON has sorted keys and no timestamps", () => {
  const iso = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  for (const [path, content] of renderAll()) {
    assert.ok(!iso.test(content), `generated/${path} contains a timestamp`);
    const check = (value: unknown, at: string): void => {
      if (Array.isArray(value)) value.forEach((v, i) => check(v, `${at}[${i}]`));
      else if (value !== null && typeof value === "object") {
        const keys = Object.keys(value);
        const nonIndex = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
        assert.deepEqual(nonIndex, [...nonIndex].sort(), `keys not sorted at ${path} ${at}`);
        for (const k of keys) check((value as Record<string, unknown>)[k], `${at}.${k}`);
      }
    };
    check(JSON.parse(content), "$");
    assert.ok(content.endsWith("}\n") || content.endsWith("]\n"), `generated/${path} must end with one newline`);
  }
});
