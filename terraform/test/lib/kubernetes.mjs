// Schema validation of Kubernetes objects, offline: kubernetes-models carries validators generated
// from the Kubernetes OpenAPI schema (types, required fields, formats, enums) for every built-in kind.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

/** Validates one object against its kind's schema; throws with the validator's message. */
export async function validateObject(object) {
  const { apiVersion, kind } = object;
  const path = apiVersion.includes("/") ? `${apiVersion}/${kind}` : `v1/${kind}`;
  let Model;
  try {
    ({ [kind]: Model } = await import(`kubernetes-models/${path}`));
  } catch (e) {
    throw new Error(`no schema for ${apiVersion} ${kind}: ${e.message}`);
  }
  if (!Model) throw new Error(`no schema for ${apiVersion} ${kind}`);
  new Model(object).validate();
}

/** The YAML documents of a file (strict YAML 1.2; duplicate keys and syntax errors throw). */
export function readYaml(path) {
  const docs = parseAllDocuments(readFileSync(path, "utf8"), { uniqueKeys: true, strict: true });
  return docs.map((doc) => {
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return doc.toJS();
  }).filter((d) => d != null);
}

export function yamlFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort().map((f) => join(dir, f));
}
