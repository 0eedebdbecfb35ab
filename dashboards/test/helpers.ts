// Shared by the tests: reading what `npm run build` committed under generated/.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GENERATED_DIR, GRAFANA_SUBDIR } from "../src/build";
import { projectDir } from "../src/contract";

export type Json = Record<string, any>;

export const generatedDir = () => join(projectDir(), GENERATED_DIR);

export interface DashboardFile {
  file: string;
  json: Json;
}

export function generatedDashboards(): DashboardFile[] {
  const dir = join(generatedDir(), GRAFANA_SUBDIR);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(dir, file), "utf8")) as Json }));
}

export function readGenerated(path: string): any {
  return JSON.parse(readFileSync(join(generatedDir(), path), "utf8"));
}

/** Every string anywhere in a JSON value, with its path (for error messages). */
export function allStrings(value: unknown, path = "$"): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, `${path}.${k}`));
  }
  return [];
}
