// Loads the Terraform configuration under terraform/ with HashiCorp's HCL parser (@cdktf/hcl2json,
// the Go hcl library compiled to WebAssembly) and offers small helpers over the parsed JSON.
import { parse } from "@cdktf/hcl2json";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const terraformDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(terraformDir, "..");
export const topologies = ["single-node", "pubsub-redis", "room-per-pod"];

/** Every .tf file under terraform/, relative paths, sorted (test/ and .terraform/ left out). */
export function tfFiles(dir = terraformDir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === "test" || name === ".terraform" || name === "node_modules") continue;
      out.push(...tfFiles(path));
    } else if (name.endsWith(".tf")) {
      out.push(relative(terraformDir, path));
    }
  }
  return out;
}

const parsed = new Map();

/** The parsed JSON of one file (throws with the parser's message when it does not parse). */
export async function parseFile(rel) {
  if (!parsed.has(rel)) {
    parsed.set(rel, await parse(rel, readFileSync(join(terraformDir, rel), "utf8")));
  }
  return parsed.get(rel);
}

/**
 * One module (a folder of .tf files) merged: {dir, files, text, variable, output, locals, module,
 * resource, data, terraform, provider}. Blocks keep hcl2json's shape: variable.x[0], resource.t.n[0].
 */
export async function loadModule(dir) {
  const files = tfFiles(join(terraformDir, dir)).filter((f) => dirname(f) === (dir === "." ? "." : dir));
  const mod = { dir, files, text: "", variable: {}, output: {}, locals: {}, module: {}, resource: {}, data: {}, terraform: [], provider: {} };
  for (const file of files) {
    const json = await parseFile(file);
    mod.text += readFileSync(join(terraformDir, file), "utf8") + "\n";
    for (const [kind, value] of Object.entries(json)) {
      if (kind === "locals") {
        for (const block of value) Object.assign(mod.locals, block);
      } else if (kind === "terraform") {
        mod.terraform.push(...value);
      } else if (kind === "resource" || kind === "data") {
        for (const [type, byName] of Object.entries(value)) {
          mod[kind][type] ??= {};
          for (const [name, blocks] of Object.entries(byName)) {
            if (mod[kind][type][name]) throw new Error(`${dir}: ${kind} ${type}.${name} declared twice`);
            mod[kind][type][name] = blocks[0];
          }
        }
      } else {
        for (const [name, blocks] of Object.entries(value)) {
          if (mod[kind][name]) throw new Error(`${dir}: ${kind} ${name} declared twice`);
          mod[kind][name] = blocks[0];
        }
      }
    }
  }
  return mod;
}

/** All resources of a module as [type, name, body]. */
export function resources(mod) {
  return Object.entries(mod.resource).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [type, name, body]));
}

/** First element of a nested block list: block(x, "spec", "template") = x.spec[0].template[0]. */
export function block(value, ...path) {
  let v = value;
  for (const key of path) {
    if (v == null) return undefined;
    v = v[key];
    if (Array.isArray(v)) v = v[0];
  }
  return v;
}

/**
 * Whether a block with this count is created for a topology. Understands the forms this
 * configuration uses: no count; ${local.X ? 1 : 0} where local X is ${var.topology == "name"};
 * ${var.X ? 1 : 0} on a bool variable (its default decides). Anything else fails, so a new form
 * gets a rule here rather than being silently misread.
 */
export function presentIn(mod, body, topology, root) {
  const count = body.count;
  if (count === undefined) return true;
  let m = /^\$\{local\.(\w+) \? 1 : 0\}$/.exec(count);
  if (m) {
    const def = mod.locals[m[1]];
    const t = /^\$\{var\.topology == "([a-z-]+)"\}$/.exec(def ?? "");
    if (!t) throw new Error(`${mod.dir}: local.${m[1]} is not a topology test: ${def}`);
    return t[1] === topology;
  }
  m = /^\$\{var\.(\w+) \? 1 : 0\}$/.exec(count);
  if (m) {
    const variable = (root ?? mod).variable[m[1]] ?? mod.variable[m[1]];
    if (!variable || typeof variable.default !== "boolean") throw new Error(`${mod.dir}: count on var.${m[1]} without a bool default`);
    return variable.default;
  }
  throw new Error(`${mod.dir}: unrecognised count expression ${count}`);
}

/** Names referenced as var.X / local.X / module.X in a module's text (comments included). */
export function references(text, prefix) {
  const re = new RegExp(`(?<![\\w.])${prefix}\\.([a-zA-Z_][a-zA-Z0-9_]*)`, "g");
  return new Set([...text.replace(/^\s*#.*$/gm, "").matchAll(re)].map((m) => m[1]));
}

/** The terraform binary when installed (it is not needed: tests that use it are skipped without it). */
export function terraformBinary() {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore", env: terraformEnv() });
    return "terraform";
  } catch {
    return null;
  }
}

function terraformEnv() {
  return { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
}

/**
 * Evaluates expressions with `terraform console` over copies of some .tf files (locals-only files:
 * no provider is needed, so it works offline) plus extra HCL, with variable values from a JSON file.
 * Returns the JSON-decoded value of each expression (each must be wrapped in jsonencode()).
 */
export function evaluate({ files = [], extra = "", vars = {}, expressions }) {
  const dir = mkdtempSync(join(tmpdir(), "symphony-tf-"));
  try {
    for (const f of files) copyFileSync(join(terraformDir, f), join(dir, f.replaceAll("/", "__")));
    writeFileSync(join(dir, "extra.tf"), extra);
    writeFileSync(join(dir, "values.auto.tfvars.json"), JSON.stringify(vars));
    return expressions.map((expression) => {
      const out = execFileSync("terraform", ["console"], { cwd: dir, input: `jsonencode(${expression})\n`, env: terraformEnv(), encoding: "utf8" });
      return JSON.parse(JSON.parse(out.trim()));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { existsSync, readFileSync, join };
